import type { BehaviourTier, ValueTier } from '@merchant-pulse/contracts';
import { dayNumber } from '../../activity/daily-activity';
import { MerchantFeatures } from './merchant-features';
import { ScoringPolicy } from './scoring.policy';

/** A merchant's stored tier state, needed because `reactivated` depends on where it came from. */
export interface TierState {
  tier: BehaviourTier;
  /** Date the merchant was last reactivated (`YYYY-MM-DD`), null if never. */
  reactivatedOn: string | null;
}

/** Score from which a transacting merchant is `at_risk` (the `high` band). */
export const AT_RISK_SCORE = 50;

/**
 * Behaviour tier (DESIGN.md): closed → churned; silence ≥ churnedAfterDays → churned, ≥ dormantAfterDays
 * → dormant; transacting again after dormant/churned → reactivated for reactivatedForDays; score ≥ 50
 * → at_risk; new or growing (+20% vs baseline) → potential; otherwise active.
 */
export function classifyBehaviour(
  f: MerchantFeatures,
  score: number,
  previous: TierState | null,
  policy: ScoringPolicy,
): TierState {
  const days = f.daysSinceLastApproved;
  const reactivatedOn = previous?.reactivatedOn ?? null;
  if (f.signals.status === 'closed') return { tier: 'churned', reactivatedOn };
  if (days === null) return { tier: 'potential', reactivatedOn };
  if (days >= policy.churnedAfterDays) return { tier: 'churned', reactivatedOn };
  if (days >= policy.dormantAfterDays) return { tier: 'dormant', reactivatedOn };
  if (previous?.tier === 'dormant' || previous?.tier === 'churned')
    return { tier: 'reactivated', reactivatedOn: f.asOfDate };
  if (score >= AT_RISK_SCORE) return { tier: 'at_risk', reactivatedOn };
  const sinceReactivation =
    reactivatedOn === null ? Infinity : dayNumber(f.asOfDate) - dayNumber(reactivatedOn);
  if (sinceReactivation < policy.reactivatedForDays) return { tier: 'reactivated', reactivatedOn };
  if (f.isNew || (f.volumeChange28 !== null && f.volumeChange28 >= 0.2))
    return { tier: 'potential', reactivatedOn };
  return { tier: 'active', reactivatedOn };
}

/** Value tier by trailing 90-day fee revenue (fen), thresholds from the policy. */
export function classifyValue(f: MerchantFeatures, policy: ScoringPolicy): ValueTier {
  if (f.d90.feeMinor >= policy.highValueMinFeeMinor) return 'high';
  if (f.d90.feeMinor >= policy.midValueMinFeeMinor) return 'mid';
  return 'low';
}
