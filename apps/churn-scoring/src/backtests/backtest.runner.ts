import { BgNbdParams, CustomerHistory } from '@merchant-pulse/bgnbd';
import { aggregateActivity } from '../activity/activity-windows';
import { DailyActivity, dayNumber } from '../activity/daily-activity';
import { fitPopulationModel } from '../models/population-model';
import { ScoringModel } from '../risk/scoring/risk-score.calculator';
import { ScoringPolicy } from '../risk/scoring/scoring.policy';
import {
  auc,
  Calibration,
  calibration,
  LiftPoint,
  liftCurve,
  RocPoint,
  rocCurve,
  topDecile,
} from './backtest.metrics';
import { BacktestRanker, RankedMerchant, recencyRanker, scoreRanker } from './backtest.rankers';
import {
  AlertMetrics,
  alertCounts,
  EARLY_WARNING_DEFAULTS,
  EarlyWarningOptions,
  leadTime,
  tradingAt,
} from './early-warning';
import { GroundTruthEntry } from './ground-truth';

/** What a backtest runs on: daily activity per merchant and who went dormant when. */
export interface BacktestInput {
  activity: ReadonlyMap<string, readonly DailyActivity[]>;
  truth: readonly GroundTruthEntry[];
  asOfDate: string;
  horizonDays: number;
  policy: ScoringPolicy;
  /**
   * What counts as the event: `dormant` (default) — the merchant BECOMES dormant (dormantFrom, 30 quiet
   * days reached) within the horizon; `silence` — its quiet run STARTS within the horizon (dormancyDay,
   * or dormantFrom − dormantAfterDays); `early-warning` — the silence target restricted to merchants
   * still trading at asOf (an approved transaction in the last `activeWithinDays`), with alerts and
   * lead time: the question an early warning has to answer.
   */
  target?: BacktestTarget;
  /** N of the binary recency rule "no transaction in N days" also reported (default 14; 3 under early-warning). */
  recencyRuleDays?: number;
  /** Early-warning parameters (defaults: 7 active days, 42-day lead lookback every 2 days). */
  earlyWarning?: Partial<EarlyWarningOptions>;
  /** More rankers to compare beside the score and recency (e.g. the learned hazard model), built from the fit at asOf. */
  extraRankers?: (model: ScoringModel) => BacktestRanker[];
}

/** The event a backtest predicts (see {@link BacktestInput.target}). */
export type BacktestTarget = 'dormant' | 'silence' | 'early-warning';

export const BACKTEST_TARGETS: readonly BacktestTarget[] = ['dormant', 'silence', 'early-warning'];

/** Metrics of one ranking. */
export interface RankingMetrics {
  auc: number;
  topDecileCapture: number;
  topDecileLift: number;
  calibration: Calibration;
  /** ROC curve points from (0,0) to (1,1), at most 101 (for charts; AUC is its area). */
  rocCurve: RocPoint[];
  /** Cumulative lift at depths 5%, 10% … 100% of merchants by score (20 points). */
  liftCurve: LiftPoint[];
}

/** The early-warning section: each ranker's ranking metrics, alerts and lead time. */
export interface EarlyWarningReport {
  options: EarlyWarningOptions;
  rankers: Record<string, RankingMetrics & AlertMetrics>;
}

/** The report of one backtest. */
export interface BacktestReport {
  asOfDate: string;
  horizonDays: number;
  target: BacktestTarget;
  /** Merchants with activity by asOf whose event had not already happened then (and, under early-warning, still trading). */
  merchants: number;
  /** Of them, merchants whose event falls in (asOf, asOf + horizon]. */
  positives: number;
  baseRate: number;
  model: { source: string; params: BgNbdParams; logLikelihood: number | null };
  /** Our score (probability read as score/100). */
  score: RankingMetrics;
  /** Days since the last approved transaction (the rule at every N); probability min(1, days/dormantAfterDays). */
  recency: RankingMetrics;
  /** The binary rule at one N. */
  recencyRule: { days: number; flagged: number; precision: number; recall: number };
  /** Score minus recency: AUC points and top-decile lift. */
  improvement: { auc: number; topDecileLift: number };
  /** Every ranker beyond score and recency (by name). */
  others: Record<string, RankingMetrics>;
  /** Alerts and lead time per ranker (early-warning target only). */
  earlyWarning?: EarlyWarningReport;
  definition: string;
}

function metrics(predicted: number[], ranking: number[], labels: boolean[]): RankingMetrics {
  const top = topDecile(ranking, labels);
  return {
    auc: r4(auc(ranking, labels)),
    topDecileCapture: r4(top.capture),
    topDecileLift: r4(top.lift),
    calibration: calibration(predicted, labels),
    rocCurve: rocCurve(ranking, labels),
    liftCurve: liftCurve(ranking, labels),
  };
}

function ratingMetrics(ratings: ReadonlyArray<{ probability: number; ranking: number }>, labels: boolean[]) {
  return metrics(
    ratings.map((x) => x.probability),
    ratings.map((x) => x.ranking),
    labels,
  );
}

const r4 = (v: number): number => Math.round(v * 10_000) / 10_000;

/** Day of the predicted event per merchant in the truth (the quiet run's start under silence and early-warning). */
function eventDays(input: BacktestInput): Map<string, number> {
  const silence = input.target === 'silence' || input.target === 'early-warning';
  return new Map(
    input.truth.map((t) => [
      t.merchantId,
      silence
        ? t.dormancyDay
          ? dayNumber(t.dormancyDay)
          : dayNumber(t.dormantFrom) - input.policy.dormantAfterDays
        : dayNumber(t.dormantFrom),
    ]),
  );
}

const DEFINITIONS: Record<BacktestTarget, string> = {
  dormant:
    'positive = the merchant becomes dormant (ground truth dormantFrom, 30 quiet days) in (asOf, asOf+horizon]; merchants without activity by asOf or already dormant at asOf are excluded; scores use data up to asOf only',
  silence:
    'positive = the quiet run that ends in dormancy starts in (asOf, asOf+horizon]; merchants without activity by asOf or already quiet-for-good at asOf are excluded; scores use data up to asOf only',
  'early-warning':
    'population = merchants with an approved transaction in the last activeWithinDays days at asOf; positive = their dormancy spell (30 days without an approved transaction) starts in (asOf, asOf+horizon]; lead time = dormancy start − first scanned date the ranker alerted while the merchant was still trading',
};

/** Merchants eligible at asOf: some activity, event not already begun, and (early-warning) still trading. */
function eligibleMerchants(
  input: BacktestInput,
  eventDay: ReadonlyMap<string, number>,
  activeWithinDays: number,
): RankedMerchant[] {
  const asOf = dayNumber(input.asOfDate);
  const out: RankedMerchant[] = [];
  for (const [merchantId, days] of input.activity) {
    const windows = aggregateActivity(days, input.asOfDate, input.policy.dormantAfterDays);
    const since = eventDay.get(merchantId);
    if (windows.activeDays === 0 || (since !== undefined && since <= asOf)) continue;
    if (input.target === 'early-warning' && !tradingAt(windows.lastActiveDate, asOf, activeWithinDays))
      continue;
    out.push({ merchantId, days, windows });
  }
  return out;
}

function populationFit(merchants: readonly RankedMerchant[], asOf: number) {
  const histories: CustomerHistory[] = merchants.map(({ windows: w }) => ({
    x: w.activeDays - 1,
    tx: dayNumber(w.lastActiveDate!) - dayNumber(w.firstActiveDate!),
    T: asOf - dayNumber(w.firstActiveDate!),
  }));
  return fitPopulationModel(histories);
}

/**
 * Scores every eligible merchant as of `asOfDate` exactly as production does (population BG/NBD fit
 * on the data up to asOf, no terminal/ticket signals), then compares the score, the recency rule and
 * any extra ranker on who actually went dormant (or went quiet for good) within the horizon.
 */
export function runBacktest(input: BacktestInput): BacktestReport {
  const { asOfDate, horizonDays, policy } = input;
  const asOf = dayNumber(asOfDate);
  const ew: EarlyWarningOptions = { ...EARLY_WARNING_DEFAULTS, ...input.earlyWarning };
  const eventDay = eventDays(input);
  const merchants = eligibleMerchants(input, eventDay, ew.activeWithinDays);
  const fit = populationFit(merchants, asOf);
  const model: ScoringModel = { version: `backtest-${asOfDate}`, params: fit.params };
  const ruleDays = input.recencyRuleDays ?? (input.target === 'early-warning' ? ew.recencyAlertDays : 14);
  const rankers = [
    scoreRanker(model, policy),
    recencyRanker(policy, ruleDays),
    ...(input.extraRankers?.(model) ?? []),
  ];
  const labels = merchants.map((m) => {
    const since = eventDay.get(m.merchantId);
    return since !== undefined && since > asOf && since <= asOf + horizonDays;
  });
  const ratings = rankers.map((r) => merchants.map((m) => r.rate(m)));
  const byName = new Map(rankers.map((r, k) => [r.name, ratingMetrics(ratings[k], labels)]));
  const base = baseReport(input, labels, fit, byName, ruleDays, ratings[1]);
  if (input.target !== 'early-warning') return base;
  const positives = merchants
    .filter((_, i) => labels[i])
    .map((m) => ({ ...m, startDay: eventDay.get(m.merchantId)! }));
  const section: EarlyWarningReport = { options: ew, rankers: {} };
  rankers.forEach((r, k) => {
    const alerts = alertCounts(
      ratings[k].map((x) => x.alert),
      labels,
    );
    const lead = leadTime(positives, r, { ...ew, dormantAfterDays: policy.dormantAfterDays });
    section.rankers[r.name] = { ...byName.get(r.name)!, rule: r.alertRule, ...alerts, leadTimeDays: lead };
  });
  return { ...base, earlyWarning: section };
}

function baseReport(
  input: BacktestInput,
  labels: boolean[],
  fit: ReturnType<typeof fitPopulationModel>,
  byName: Map<string, RankingMetrics>,
  ruleDays: number,
  recencyRatings: ReadonlyArray<{ alert: boolean }>,
): BacktestReport {
  const positives = labels.filter(Boolean).length;
  const n = labels.length;
  const score = byName.get('score')!;
  const rec = byName.get('recency')!;
  const rule = alertCounts(
    recencyRatings.map((x) => x.alert),
    labels,
  );
  const target = input.target ?? 'dormant';
  return {
    asOfDate: input.asOfDate,
    horizonDays: input.horizonDays,
    target,
    merchants: n,
    positives,
    baseRate: r4(n ? positives / n : NaN),
    model: { source: fit.source, params: fit.params, logLikelihood: fit.diagnostics.logLikelihood },
    score,
    recency: rec,
    recencyRule: { days: ruleDays, flagged: rule.alerted, precision: rule.precision, recall: rule.recall },
    improvement: { auc: r4(score.auc - rec.auc), topDecileLift: r4(score.topDecileLift - rec.topDecileLift) },
    others: Object.fromEntries([...byName].filter(([name]) => name !== 'score' && name !== 'recency')),
    definition: DEFINITIONS[target],
  };
}
