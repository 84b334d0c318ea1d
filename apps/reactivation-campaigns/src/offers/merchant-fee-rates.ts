import { Injectable } from '@nestjs/common';
import {
  feePlanAt,
  FeePlanVersionTerms,
  FeeRates,
  feeRatesFromTerms,
  PerChannelFeeTerms,
  STANDARD_FEE_RATES,
} from '@merchant-pulse/fees';
import { DataSource } from 'typeorm';
import { MerchantProjectionsRepository } from '../merchants/merchant-projections.repository';
import { MerchantRegistryClient } from '../registry/merchant-registry.client';

/** The merchant's base rates and where they came from. */
export interface MerchantRates {
  rates: FeeRates;
  source: 'projection' | 'registry' | 'standard';
}

/**
 * The base rates in force at `nowMs` among the versions projected from FeePlanChanged (the shared rule,
 * `feePlanAt`, promotions left out: an offer is priced against the plan it discounts); null when no
 * version is in force yet.
 */
export function projectedBaseRates(versions: readonly FeePlanVersionTerms[], nowMs: number): FeeRates | null {
  if (versions.length === 0) return null;
  const inForce = feePlanAt({ versions, promotions: [] }, nowMs);
  return inForce.version ? inForce.rates : null;
}

/** Rates from wire terms; terms that do not make valid rates count as unknown (null), never a throw. */
function ratesOrNull(terms: PerChannelFeeTerms | null): FeeRates | null {
  if (!terms) return null;
  try {
    return feeRatesFromTerms(terms);
  } catch {
    return null;
  }
}

/**
 * What the margin guardrail prices an offer with: the merchant's own current plan — from this service's
 * projection of merchant.lifecycle.v1 fee-plan events when it has one in force, else the registry's
 * current plan, else (a merchant the registry does not know) the standard plan. A registry outage
 * propagates: the acceptance is retried rather than priced with the wrong plan.
 */
@Injectable()
export class MerchantFeeRates {
  constructor(
    private readonly projections: MerchantProjectionsRepository,
    private readonly dataSource: DataSource,
    private readonly registry: MerchantRegistryClient,
  ) {}

  async of(merchantId: string, now: Date): Promise<MerchantRates> {
    const stored = await this.projections.feePlanVersions(this.dataSource.manager, merchantId);
    const versions: FeePlanVersionTerms[] = [];
    for (const v of stored) {
      const rates = ratesOrNull(v.terms);
      if (rates)
        versions.push({ planVersion: v.planVersion, effectiveFromMs: Date.parse(v.effectiveFrom), rates });
    }
    const projected = projectedBaseRates(versions, now.getTime());
    if (projected) return { rates: projected, source: 'projection' };
    const current = ratesOrNull(await this.registry.currentBaseTerms(merchantId));
    return current
      ? { rates: current, source: 'registry' }
      : { rates: STANDARD_FEE_RATES, source: 'standard' };
  }
}
