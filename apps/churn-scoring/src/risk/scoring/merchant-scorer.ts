import type { BehaviourTier, ScoreBand, ValueTier } from '@merchant-pulse/contracts';
import { ActivityWindows } from '../../activity/activity-windows';
import { buildFeatures, MerchantFeatures, MerchantSignals } from './merchant-features';
import { closureAt, closureReason, ClosureWindow, EarlyWarning } from './early-warning';
import { RiskReason } from './risk-components';
import { assessRisk, ScoringModel } from './risk-score.calculator';
import { ScoringPolicy } from './scoring.policy';
import { classifyBehaviour, classifyValue } from './tier.classifier';

/** The full outcome of scoring one merchant as of one date. */
export interface MerchantScore {
  merchantId: string;
  asOfDate: string;
  score: number;
  /** Unrounded score, for ranking without ties. */
  exactScore: number;
  band: ScoreBand;
  behaviourTier: BehaviourTier;
  valueTier: ValueTier;
  /** Latest end of a dormancy found in the activity history (features.resumedAfterDormancyOn), null if never. */
  reactivatedOn: string | null;
  pAlive: number | null;
  reasons: RiskReason[];
  modelVersion: string;
  features: MerchantFeatures;
  /** The hazard model's early warning (null without a current hazard model or activity). */
  earlyWarning: EarlyWarning | null;
}

/** Scores one merchant: features → risk and reasons → behaviour and value tiers (pure). */
export function scoreMerchant(
  input: {
    merchantId: string;
    windows: ActivityWindows;
    signals: MerchantSignals;
    earlyWarning?: EarlyWarning | null;
    /** Declared temporary closures of the merchant (registry). */
    closures?: readonly ClosureWindow[];
  },
  model: ScoringModel,
  policy: ScoringPolicy,
): MerchantScore {
  const features = buildFeatures(input.merchantId, input.windows, input.signals, policy);
  const risk = assessRisk(features, model, policy);
  const earlyWarning = input.earlyWarning ?? null;
  const closure = closureAt(input.closures ?? [], input.windows.asOfDate);
  const tier = classifyBehaviour(features, risk.score, policy, earlyWarning, closure);
  const reasons = closure ? [closureReason(closure), ...risk.reasons] : risk.reasons;
  return {
    merchantId: input.merchantId,
    asOfDate: input.windows.asOfDate,
    score: risk.score,
    exactScore: risk.exactScore,
    band: risk.band,
    behaviourTier: tier.tier,
    valueTier: classifyValue(features, policy),
    reactivatedOn: tier.reactivatedOn,
    pAlive: risk.pAlive,
    reasons,
    modelVersion: model.version,
    features,
    earlyWarning,
  };
}
