// The early warning served with every score: the hazard model's calibrated pDormant30d, the reasons
// it gives (contribution = coefficient × the merchant's standardised deviation, in words with the
// evidence), and whether a declared temporary closure explains a silence.
import { dayNumber, DailyActivity } from '../../activity/daily-activity';
import {
  HazardContext,
  hazardFeatures,
  HistorySummary,
  PopulationParams,
} from '../../models/hazard/hazard-features';
import { HazardModel, predictHazard } from '../../models/hazard/hazard-model';
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

const snake = (name: string): string =>
  name
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

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
  const pDormant30d = Math.round(p.pDormant30d * 10_000) / 10_000;
  const declaredClosure = closureAt(input.context.closures ?? [], input.asOfDate);
  const reasons: RiskReason[] = hazardReasons(p.drivers, f.evidence).map((r) => ({
    code: `ew_${snake(r.feature)}`,
    message: r.message,
    evidence: {
      feature: r.feature,
      contribution: r.contribution,
      value: Math.round(f.values[r.feature] * 1000) / 1000,
    },
  }));
  if (declaredClosure) reasons.unshift(closureReason(declaredClosure));
  return {
    pDormant30d,
    modelVersion: input.model.version,
    reasons,
    declaredClosure,
    atRisk: declaredClosure === null && pDormant30d >= AT_RISK_PROBABILITY,
  };
}
