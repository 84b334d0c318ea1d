import { FeeRates, STANDARD_FEE_RATES } from '@merchant-pulse/fees';

/** One version of a merchant's fee plan, from FeePlanChanged. */
export interface FeePlanVersion {
  planVersion: number;
  feePlanId: string;
  /** Inclusive start, epoch ms. */
  effectiveFromMs: number;
  rates: FeeRates;
}

/** What ingestion knows about a merchant (the local projection of merchant.lifecycle.v1). */
export interface MerchantView {
  merchantId: string;
  timezone: string;
  currency: string;
  status: string;
  /** Sorted by effectiveFromMs ascending. */
  feePlans: FeePlanVersion[];
}

/**
 * The rates in force at `occurredMs`: the latest version whose effective date is not after it;
 * the acquirer's published standard plan when none is (yet) known for the merchant.
 */
export function feeRatesAt(view: MerchantView, occurredMs: number): FeeRates {
  const plans = view.feePlans;
  for (let i = plans.length - 1; i >= 0; i--) {
    if (plans[i].effectiveFromMs <= occurredMs) return plans[i].rates;
  }
  return STANDARD_FEE_RATES;
}
