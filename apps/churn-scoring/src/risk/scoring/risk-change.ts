import type { MerchantRiskChangedV1 } from '@merchant-pulse/contracts';
import type { RiskStanding } from '../merchant-risk.repository';
import { MerchantScore } from './merchant-scorer';

/** The events contract caps reasons at 20. */
const MAX_REASONS = 20;

/** True when the change is worth an event: first score, or a new band, behaviour tier or value tier. */
export function isRiskChange(next: MerchantScore, previous: RiskStanding | undefined): boolean {
  return (
    previous === undefined ||
    previous.band !== next.band ||
    previous.behaviourTier !== next.behaviourTier ||
    previous.valueTier !== next.valueTier
  );
}

/** The MerchantRiskChanged payload for a change (previous values absent on the first score). */
export function riskChangedPayload(
  next: MerchantScore,
  previous: RiskStanding | undefined,
  asOf: string,
): MerchantRiskChangedV1 {
  const payload: MerchantRiskChangedV1 = {
    score: next.score,
    scoreBand: next.band,
    behaviourTier: next.behaviourTier,
    valueTier: next.valueTier,
    reasons: next.reasons.slice(0, MAX_REASONS),
    modelVersion: next.modelVersion,
    asOf,
  };
  if (next.earlyWarning) {
    payload.pDormant30d = next.earlyWarning.pDormant30d;
    payload.earlyWarningModelVersion = next.earlyWarning.modelVersion;
    payload.earlyWarningReasons = next.earlyWarning.reasons.slice(0, MAX_REASONS);
  }
  if (previous) {
    payload.previousScore = previous.score;
    payload.previousScoreBand = previous.band;
    payload.previousBehaviourTier = previous.behaviourTier;
    payload.previousValueTier = previous.valueTier;
  }
  return payload;
}
