import type { BehaviourTier, ValueTier } from '@merchant-pulse/contracts';
import { dayNumber } from '../../activity/daily-activity';
import { MerchantFeatures } from './merchant-features';
import { ClosureWindow, EarlyWarning } from './early-warning';
import { ScoringPolicy } from './scoring.policy';

/** A merchant's behaviour tier and the date it was last reactivated. */
export interface TierState {
  tier: BehaviourTier;
  /** Latest day its activity resumed after a dormancy (`YYYY-MM-DD`), from the history; null if never. */
  reactivatedOn: string | null;
}

/** Score from which a transacting merchant is `at_risk` (the `high` band). */
export const AT_RISK_SCORE = 50;

/**
 * Behaviour tier (DESIGN.md), in this order: closed → churned; silence ≥ churnedAfterDays → churned;
 * a declared temporary closure covering the date → active (potential if new); silence ≥ dormantAfterDays → dormant; activity resumed after a silence of ≥ dormantAfterDays less than
 * reactivatedForDays ago → reactivated; pDormant30d ≥ 0.30 (score ≥ 50 without a hazard model) → at_risk; new or growing (+20% vs baseline) →
 * potential; otherwise active. A pure function of the features: no stored tier is consulted, so
 * history that arrives late (replay, backfill, catch-up) ends in the same tier as live data.
 */
export function classifyBehaviour(
  f: MerchantFeatures,
  score: number,
  policy: ScoringPolicy,
  early: Pick<EarlyWarning, 'atRisk'> | null = null,
  declaredClosure: ClosureWindow | null = null,
): TierState {
  const days = f.daysSinceLastApproved;
  const reactivatedOn = f.resumedAfterDormancyOn;
  const tier = (t: BehaviourTier): TierState => ({ tier: t, reactivatedOn });
  if (f.signals.status === 'closed') return tier('churned');
  if (days === null) return tier('potential');
  if (days >= policy.churnedAfterDays) return tier('churned');
  // A declared temporary closure: its silence is a break, not a dormancy (nor a risk).
  if (declaredClosure) return tier(f.isNew ? 'potential' : 'active');
  if (days >= policy.dormantAfterDays) return tier('dormant');
  const sinceReactivation =
    reactivatedOn === null ? Infinity : dayNumber(f.asOfDate) - dayNumber(reactivatedOn);
  if (sinceReactivation < policy.reactivatedForDays) return tier('reactivated');
  // With a hazard model, at_risk is pDormant30d ≥ AT_RISK_PROBABILITY; without one, the old score ≥ 50.
  if (early ? early.atRisk : score >= AT_RISK_SCORE) return tier('at_risk');
  if (f.isNew || (f.volumeChange28 !== null && f.volumeChange28 >= 0.2)) return tier('potential');
  return tier('active');
}

/** Value tier by trailing 90-day fee revenue (fen), thresholds from the policy. */
export function classifyValue(f: MerchantFeatures, policy: ScoringPolicy): ValueTier {
  if (f.d90.feeMinor >= policy.highValueMinFeeMinor) return 'high';
  if (f.d90.feeMinor >= policy.midValueMinFeeMinor) return 'mid';
  return 'low';
}
