import { BgNbdParams, probabilityAlive } from '@merchant-pulse/bgnbd';
import type { ScoreBand } from '@merchant-pulse/contracts';
import { MerchantFeatures } from './merchant-features';
import {
  newMerchantComponent,
  pAliveComponent,
  qualityComponents,
  recencyComponent,
  RiskComponent,
  RiskReason,
  serviceComponents,
  statusComponent,
  volumeComponents,
} from './risk-components';
import { ScoringPolicy } from './scoring.policy';

/** The population model a score is computed with. */
export interface ScoringModel {
  version: string;
  params: BgNbdParams;
}

/** A merchant's risk: score 0–100, its band, P(alive) and the reasons, most important first. */
export interface RiskAssessment {
  score: number;
  /** The score before rounding (0–100): the backtest ranks by it, so rounding creates no ties. */
  exactScore: number;
  band: ScoreBand;
  /** BG/NBD P(alive); null for new merchants (where it is 1 by construction and not used). */
  pAlive: number | null;
  reasons: RiskReason[];
}

/** Components below this share are noise: neither scored nor listed, so every point has a reason. */
const MIN_COMPONENT_RISK = 0.02;

/** Band of a score: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical. */
export function scoreBandOf(score: number): ScoreBand {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'high';
  if (score >= 25) return 'medium';
  return 'low';
}

function healthyReason(f: MerchantFeatures, pAlive: number | null): RiskReason {
  const change = f.volumeChange28 === null ? null : Math.round(f.volumeChange28 * 100);
  return {
    code: 'healthy',
    message:
      `Transacting normally: ${f.d28.activeDays} active days in the last 28` +
      (change === null ? '' : `, volume ${change >= 0 ? '+' : '−'}${Math.abs(change)}% vs baseline`) +
      (pAlive === null ? '' : `, P(alive) ${pAlive.toFixed(2)}`),
    evidence: {
      activeDays28: f.d28.activeDays,
      changePct: change,
      pAlive: pAlive === null ? null : Number(pAlive.toFixed(4)),
    },
  };
}

/**
 * Scores a merchant: the rule components are combined as independent risks,
 * score = round(100 · (1 − Π(1 − riskᵢ))), and each listed reason is one of those components, most
 * important first. A merchant with no risk component gets one `healthy` reason, so there are always
 * reasons.
 */
export function assessRisk(f: MerchantFeatures, model: ScoringModel, policy: ScoringPolicy): RiskAssessment {
  const pAlive = !f.isNew && f.history ? probabilityAlive(model.params, f.history) : null;
  const components: RiskComponent[] = [
    ...statusComponent(f),
    ...newMerchantComponent(f, policy),
    ...pAliveComponent(f, pAlive, model.version),
    ...recencyComponent(f, policy),
    ...volumeComponents(f),
    ...serviceComponents(f),
    ...qualityComponents(f),
  ]
    .filter((c) => c.risk >= MIN_COMPONENT_RISK)
    .sort((p, q) => q.risk - p.risk);
  const survival = components.reduce((s, c) => s * (1 - Math.min(1, c.risk)), 1);
  const exactScore = 100 * (1 - survival);
  const score = Math.round(exactScore);
  const reasons: RiskReason[] = components.map(({ code, message, evidence }) => ({
    code,
    message,
    evidence,
  }));
  return {
    score,
    exactScore,
    band: scoreBandOf(score),
    pAlive,
    reasons: reasons.length ? reasons : [healthyReason(f, pAlive)],
  };
}
