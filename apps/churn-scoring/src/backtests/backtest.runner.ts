import { BgNbdParams, CustomerHistory } from '@merchant-pulse/bgnbd';
import { aggregateActivity, ActivityWindows } from '../activity/activity-windows';
import { DailyActivity, dayNumber } from '../activity/daily-activity';
import { fitPopulationModel } from '../models/population-model';
import { NO_SIGNALS } from '../risk/scoring/merchant-features';
import { scoreMerchant } from '../risk/scoring/merchant-scorer';
import { ScoringPolicy } from '../risk/scoring/scoring.policy';
import { auc, Calibration, calibration, topDecile } from './backtest.metrics';
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
   * or dormantFrom − dormantAfterDays): the harder early-warning question.
   */
  target?: BacktestTarget;
  /** N of the binary recency rule "no transaction in N days" also reported (default 14). */
  recencyRuleDays?: number;
}

/** The event a backtest predicts (see {@link BacktestInput.target}). */
export type BacktestTarget = 'dormant' | 'silence';

/** Metrics of one ranking. */
export interface RankingMetrics {
  auc: number;
  topDecileCapture: number;
  topDecileLift: number;
  calibration: Calibration;
}

/** The report of one backtest. */
export interface BacktestReport {
  asOfDate: string;
  horizonDays: number;
  target: BacktestTarget;
  /** Merchants with activity by asOf whose event had not already happened then. */
  merchants: number;
  /** Of them, merchants whose dormancy began in (asOf, asOf + horizon]. */
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
  definition: string;
}

function metrics(predicted: number[], ranking: number[], labels: boolean[]): RankingMetrics {
  const top = topDecile(ranking, labels);
  return {
    auc: r4(auc(ranking, labels)),
    topDecileCapture: r4(top.capture),
    topDecileLift: r4(top.lift),
    calibration: calibration(predicted, labels),
  };
}

const r4 = (v: number): number => Math.round(v * 10_000) / 10_000;

/** Day of the predicted event per merchant in the truth. */
function eventDays(input: BacktestInput): Map<string, number> {
  const silence = input.target === 'silence';
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

/**
 * Scores every eligible merchant as of `asOfDate` exactly as production does (population BG/NBD fit
 * on the data up to asOf, no terminal/ticket signals), then compares the score with the recency rule
 * on who actually went dormant within the horizon.
 */
export function runBacktest(input: BacktestInput): BacktestReport {
  const { asOfDate, horizonDays, policy } = input;
  const asOf = dayNumber(asOfDate);
  const dormantFrom = eventDays(input);
  const windows: Array<{ merchantId: string; windows: ActivityWindows }> = [];
  for (const [merchantId, days] of input.activity) {
    const w = aggregateActivity(days, asOfDate, policy.dormantAfterDays);
    const since = dormantFrom.get(merchantId);
    if (w.activeDays === 0 || (since !== undefined && since <= asOf)) continue;
    windows.push({ merchantId, windows: w });
  }
  const histories: CustomerHistory[] = windows.map(({ windows: w }) => ({
    x: w.activeDays - 1,
    tx: dayNumber(w.lastActiveDate!) - dayNumber(w.firstActiveDate!),
    T: asOf - dayNumber(w.firstActiveDate!),
  }));
  const fit = fitPopulationModel(histories);
  const model = { version: `backtest-${asOfDate}`, params: fit.params };
  const labels: boolean[] = [];
  const scores: number[] = [];
  const recency: number[] = [];
  for (const { merchantId, windows: w } of windows) {
    const s = scoreMerchant({ merchantId, windows: w, signals: NO_SIGNALS }, model, policy);
    const since = dormantFrom.get(merchantId);
    labels.push(since !== undefined && since > asOf && since <= asOf + horizonDays);
    scores.push(s.exactScore);
    recency.push(s.features.daysSinceLastApproved ?? 0);
  }
  return report(input, { labels, scores, recency, fit });
}

function report(
  input: BacktestInput,
  r: { labels: boolean[]; scores: number[]; recency: number[]; fit: ReturnType<typeof fitPopulationModel> },
): BacktestReport {
  const positives = r.labels.filter(Boolean).length;
  const n = r.labels.length;
  const score = metrics(
    r.scores.map((s) => s / 100),
    r.scores,
    r.labels,
  );
  const rec = metrics(
    r.recency.map((d) => Math.min(1, d / input.policy.dormantAfterDays)),
    r.recency,
    r.labels,
  );
  const ruleDays = input.recencyRuleDays ?? 14;
  const flagged = r.recency.map((d) => d >= ruleDays);
  const hits = flagged.filter((f, i) => f && r.labels[i]).length;
  const flaggedCount = flagged.filter(Boolean).length;
  return {
    asOfDate: input.asOfDate,
    horizonDays: input.horizonDays,
    target: input.target ?? 'dormant',
    merchants: n,
    positives,
    baseRate: r4(n ? positives / n : NaN),
    model: { source: r.fit.source, params: r.fit.params, logLikelihood: r.fit.diagnostics.logLikelihood },
    score,
    recency: rec,
    recencyRule: {
      days: ruleDays,
      flagged: flaggedCount,
      precision: r4(flaggedCount ? hits / flaggedCount : NaN),
      recall: r4(positives ? hits / positives : NaN),
    },
    improvement: { auc: r4(score.auc - rec.auc), topDecileLift: r4(score.topDecileLift - rec.topDecileLift) },
    definition:
      input.target === 'silence'
        ? 'positive = the quiet run that ends in dormancy starts in (asOf, asOf+horizon]; merchants without activity by asOf or already quiet-for-good at asOf are excluded; scores use data up to asOf only'
        : 'positive = the merchant becomes dormant (ground truth dormantFrom, 30 quiet days) in (asOf, asOf+horizon]; merchants without activity by asOf or already dormant at asOf are excluded; scores use data up to asOf only',
  };
}
