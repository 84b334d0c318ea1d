import { FeeCompensation, feePlanAt, FeePromotionWindow, FeeRates } from '@merchant-pulse/fees';

/** One version of a merchant's fee plan, from FeeChangeAnnounced or FeePlanChanged. */
export interface FeePlanVersion {
  planVersion: number;
  feePlanId: string;
  /** Inclusive start, epoch ms. */
  effectiveFromMs: number;
  rates: FeeRates;
  /** Compensation that came with the version (`month_waived` waives fees from its effective date). */
  compensation?: FeeCompensation | null;
}

/** A promotion overlay, from FeePromotionGranted. */
export interface FeePromotion extends FeePromotionWindow {
  promotionId: string;
}

/** What ingestion knows about a merchant (the local projection of merchant.lifecycle.v1). */
export interface MerchantView {
  merchantId: string;
  timezone: string;
  currency: string;
  status: string;
  /** Base plan versions, sorted by effectiveFromMs ascending. */
  feePlans: FeePlanVersion[];
  /** Promotion overlays; absent or empty when none. */
  feePromotions?: FeePromotion[];
}

const NO_PROMOTIONS: readonly FeePromotion[] = [];

/**
 * The rates a transaction at `occurredMs` is charged with, by the registry's own rule (`feePlanAt`):
 * the version in force by effective date (the standard plan before the first), less any promotion
 * covering the instant, or nothing while the version's compensation waives its fees.
 */
export function feeRatesAt(view: MerchantView, occurredMs: number): FeeRates {
  return feePlanAt({ versions: view.feePlans, promotions: view.feePromotions ?? NO_PROMOTIONS }, occurredMs)
    .chargedRates;
}
