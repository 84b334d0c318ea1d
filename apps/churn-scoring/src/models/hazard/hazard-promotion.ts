// Whether a newly trained hazard model replaces the current one: both are measured on the same
// held-out period (as-of dates after the candidate's training data, labels observed since), and the
// candidate is promoted only if it ranks better there (AUC), or ranks as well with a lower log loss.
import { auc, calibration } from '../../backtests/backtest.metrics';
import { HazardFeatureName } from './hazard-features';
import { HazardModel, predictHazardValues } from './hazard-model';

/** A labelled row of the held-out period. */
export interface HoldoutRow {
  values: Record<HazardFeatureName, number>;
  y: boolean;
}

/** How a model did on the held-out period. */
export interface HoldoutMetrics {
  rows: number;
  positives: number;
  auc: number;
  logLoss: number;
  ece: number;
  brier: number;
}

/** AUC, log loss, ECE and Brier score of `model` on `rows` (AUC NaN without both classes). */
export function evaluateHazard(model: HazardModel, rows: readonly HoldoutRow[]): HoldoutMetrics {
  const p = rows.map((r) => predictHazardValues(model, r.values).pDormant30d);
  const y = rows.map((r) => r.y);
  const eps = 1e-9;
  const logLoss =
    rows.length === 0
      ? NaN
      : -p.reduce((s, q, i) => s + (y[i] ? Math.log(Math.max(q, eps)) : Math.log(Math.max(1 - q, eps))), 0) /
        rows.length;
  const cal = calibration(p, y);
  const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
  return {
    rows: rows.length,
    positives: y.filter(Boolean).length,
    auc: r4(auc(p, y)),
    logLoss: r4(logLoss),
    ece: cal.ece,
    brier: cal.brier,
  };
}

/** The verdict on a candidate, with the reason in words. */
export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/** AUC points the candidate must gain (below this, ranks "as well" and log loss decides). */
export const AUC_TIE = 0.002;

/**
 * Promote when there is no current model, or the candidate's held-out AUC beats the current one's by
 * more than {@link AUC_TIE}, or is within it with a strictly lower log loss. A held-out period without
 * both classes decides nothing: the current model stays (or the candidate becomes the first).
 */
export function decidePromotion(
  candidate: HoldoutMetrics,
  current: HoldoutMetrics | null,
): PromotionDecision {
  if (current === null) return { promote: true, reason: 'no current hazard model' };
  if (!Number.isFinite(candidate.auc) || !Number.isFinite(current.auc))
    return {
      promote: false,
      reason: 'held-out period has no dormancy start (or no survivor): nothing to compare',
    };
  const gain = candidate.auc - current.auc;
  if (gain > AUC_TIE)
    return { promote: true, reason: `held-out AUC ${candidate.auc} > ${current.auc} of the current model` };
  if (gain >= -AUC_TIE && candidate.logLoss < current.logLoss)
    return {
      promote: true,
      reason: `held-out AUC ${candidate.auc} ≈ ${current.auc}, log loss ${candidate.logLoss} < ${current.logLoss}`,
    };
  return {
    promote: false,
    reason: `held-out AUC ${candidate.auc} vs ${current.auc}, log loss ${candidate.logLoss} vs ${current.logLoss}: current model kept`,
  };
}
