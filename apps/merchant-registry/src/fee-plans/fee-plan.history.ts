import type { FeePlanTermsV1 } from '@merchant-pulse/contracts';
import { FeePlanVersion } from './fee-plan.repository';

/** Next version number of a merchant's plan (history newest first). */
export function nextPlanVersion(history: readonly FeePlanVersion[]): number {
  return history.reduce((max, v) => Math.max(max, v.planVersion), 0) + 1;
}

/** The terms in force right now (latest effective version), promotions included. */
export function termsInForce(history: readonly FeePlanVersion[]): FeePlanVersion | undefined {
  return [...history].filter((v) => v.state === 'effective').sort((a, b) => b.planVersion - a.planVersion)[0];
}

/**
 * The merchant's base plan: the latest effective version that is not a promotion. Increases are judged
 * against it, and a promotion's expiry returns to it.
 */
export function baseVersion(history: readonly FeePlanVersion[]): FeePlanVersion | undefined {
  return [...history]
    .filter((v) => v.state === 'effective' && v.promotionId === null)
    .sort((a, b) => b.planVersion - a.planVersion)[0];
}

/** A copy of terms (jsonb rows are shared objects). */
export function cloneTerms(terms: FeePlanTermsV1): FeePlanTermsV1 {
  return { rates: { ...terms.rates }, debitCapMinor: terms.debitCapMinor };
}
