// The early warning served with every score: the hazard model's calibrated pDormant30d, the reasons
// it gives (contribution = coefficient × the merchant's standardised deviation, in words with the
// evidence), and whether a declared temporary closure explains a silence.
import { dayNumber, DailyActivity } from '../../activity/daily-activity';
import { RecentActivityMatrix } from '../../activity/recent-activity.matrix';
import {
  HazardContext,
  HazardEvidence,
  hazardFeatures,
  HistorySummary,
  PopulationParams,
} from '../../models/hazard/hazard-features';
import {
  hazardFeatureMatrix,
  rowEvidence,
  scoreFeatureMatrix,
  topDrivers,
} from '../../models/hazard/hazard-matrix';
import { HazardContribution, HazardModel, predictHazard } from '../../models/hazard/hazard-model';
import { hazardReasons } from '../../models/hazard/hazard-reasons';
import { RiskReason } from './risk-components';

/**
 * Behaviour-tier thresholds on pDormant30d (calibrated: of merchants at 0.30, about 30% start a
 * 30-day dormancy within 30 days). A merchant still trading is `at_risk` from {@link AT_RISK_PROBABILITY};
 * alerts in backtests use the same threshold. Below it, the tier is whatever the rest of the rules say.
 */
export const AT_RISK_PROBABILITY = 0.3;

/** Days after a declared closure ends during which the silence it explains is still not held against the merchant. */
export const CLOSURE_GRACE_DAYS = 3;

/** A declared temporary closure. */
export interface ClosureWindow {
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** The early warning of one merchant. */
export interface EarlyWarning {
  pDormant30d: number;
  modelVersion: string;
  /** Features that pushed pDormant30d up, largest first (at most 3), with evidence. */
  reasons: RiskReason[];
  /** The declared closure covering the as-of date (then silence is not churn), or null. */
  declaredClosure: ClosureWindow | null;
  /** pDormant30d ≥ AT_RISK_PROBABILITY and no declared closure. */
  atRisk: boolean;
}

/** The declared closure covering `asOfDate` (from its start to CLOSURE_GRACE_DAYS after its end), or null. */
export function closureAt(closures: readonly ClosureWindow[], asOfDate: string): ClosureWindow | null {
  const t = dayNumber(asOfDate);
  return (
    closures.find((c) => dayNumber(c.startsOn) <= t && t <= dayNumber(c.endsOn) + CLOSURE_GRACE_DAYS) ?? null
  );
}

/** `amount14Trend` → `amount_14_trend`. */
/** The reason a declared closure gives (first among the reasons while it covers the date). */
export function closureReason(c: ClosureWindow): RiskReason {
  return {
    code: 'declared_closure',
    message: `temporarily closed (${c.reason}) from ${c.startsOn} to ${c.endsOn}: its silence is not churn`,
    evidence: { startsOn: c.startsOn, endsOn: c.endsOn, reason: c.reason },
  };
}

const SNAKE = new Map<string, string>();
const snake = (name: string): string => {
  let out = SNAKE.get(name);
  if (out === undefined)
    SNAKE.set(
      name,
      (out = name
        .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
        .replace(/([0-9])([A-Z])/g, '$1_$2')
        .toLowerCase()),
    );
  return out;
};

/** The hazard model's verdict on one merchant, or null when it has no approved day by asOf. */
export function earlyWarningOf(input: {
  model: HazardModel;
  days: readonly DailyActivity[];
  asOfDate: string;
  population: PopulationParams | null;
  context: HazardContext & { closures?: readonly ClosureWindow[] };
  summary: HistorySummary | null;
}): EarlyWarning | null {
  const f = hazardFeatures(input.days, input.asOfDate, input.population, input.context, input.summary);
  if (f === null) return null;
  const p = predictHazard(input.model, f);
  return warningOf(input.model, p.pDormant30d, p.drivers, () => f.evidence, input.context, input.asOfDate);
}

/**
 * The early warnings of a chunk of merchants from their recent activity as flat arrays (the rescoring
 * hot path): the feature matrix, one dot product per row, reasons built from the row. Same warnings as
 * {@link earlyWarningOf} on each merchant's days; merchants without an approved day in the lookback get none.
 */
export function earlyWarningsOfMatrix(input: {
  model: HazardModel;
  activity: RecentActivityMatrix;
  population: PopulationParams | null;
  contexts: ReadonlyMap<string, HazardContext & { closures?: readonly ClosureWindow[] }>;
}): Map<string, EarlyWarning> {
  const { model, activity, contexts } = input;
  const features = hazardFeatureMatrix(activity, input.population, contexts);
  const { pDormant30d } = scoreFeatureMatrix(model, features);
  const out = new Map<string, EarlyWarning>();
  for (let r = 0; r < activity.rows; r++) {
    if (!features.valid[r]) continue;
    const id = activity.merchantIds[r];
    const context = contexts.get(id);
    const drivers = topDrivers(model, features, r, REASON_LIMIT);
    out.set(
      id,
      warningOf(
        model,
        pDormant30d[r],
        drivers,
        () => rowEvidence(activity, features, r, context),
        context ?? {},
        activity.asOfDate,
      ),
    );
  }
  return out;
}

/** Reasons listed per warning. */
const REASON_LIMIT = 3;

function warningOf(
  model: HazardModel,
  probability: number,
  drivers: readonly HazardContribution[],
  evidence: () => HazardEvidence,
  context: { closures?: readonly ClosureWindow[] },
  asOfDate: string,
): EarlyWarning {
  const pDormant30d = Math.round(probability * 10_000) / 10_000;
  const declaredClosure = closureAt(context.closures ?? [], asOfDate);
  const reasons: RiskReason[] =
    drivers.length === 0
      ? []
      : hazardReasons(drivers, evidence(), REASON_LIMIT).map((r, i) => ({
          code: `ew_${snake(r.feature)}`,
          message: r.message,
          evidence: {
            feature: r.feature,
            contribution: r.contribution,
            value: Math.round(drivers[i].value * 1000) / 1000,
          },
        }));
  if (declaredClosure) reasons.unshift(closureReason(declaredClosure));
  return {
    pDormant30d,
    modelVersion: model.version,
    reasons,
    declaredClosure,
    atRisk: declaredClosure === null && pDormant30d >= AT_RISK_PROBABILITY,
  };
}
