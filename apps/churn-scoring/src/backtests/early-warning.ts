// The early-warning part of a backtest: alerts at the as-of date (precision, recall) and lead time —
// how many days before its dormancy started a true positive was first alerted while still trading.
import { aggregateActivity } from '../activity/activity-windows';
import { DailyActivity, dateOfDay, dayNumber } from '../activity/daily-activity';
import { BacktestRanker } from './backtest.rankers';

/** Parameters of the early-warning target and its lead time (defaults in {@link EARLY_WARNING_DEFAULTS}). */
export interface EarlyWarningOptions {
  /** Eligible at t = an approved transaction in (t − activeWithinDays, t]. */
  activeWithinDays: number;
  /** Lead time: as-of dates scanned before each dormancy start, at most this many days back. */
  leadLookbackDays: number;
  /** Lead time: days between two scanned as-of dates. */
  leadStepDays: number;
  /** Alert threshold of the recency rule under this target (silence of at least N days). */
  recencyAlertDays: number;
}

export const EARLY_WARNING_DEFAULTS: EarlyWarningOptions = {
  activeWithinDays: 7,
  leadLookbackDays: 42,
  leadStepDays: 2,
  recencyAlertDays: 3,
};

/** Lead time of one ranker over the true positives. */
export interface LeadTime {
  /** True positives alerted on some scanned date while still trading. */
  alerted: number;
  /** True positives never alerted before their dormancy started. */
  missed: number;
  /** Quartiles of (dormancy start − first alert date) in days over the alerted; null when none. */
  p25: number | null;
  median: number | null;
  p75: number | null;
}

/** Alerts at t and lead time of one ranker. */
export interface AlertMetrics {
  rule: string;
  alerted: number;
  precision: number;
  recall: number;
  leadTimeDays: LeadTime;
}

const r4 = (v: number): number => Math.round(v * 10_000) / 10_000;

/** Precision and recall of the alerts at t. */
export function alertCounts(
  alerts: readonly boolean[],
  labels: readonly boolean[],
): { alerted: number; precision: number; recall: number } {
  const alerted = alerts.filter(Boolean).length;
  const hits = alerts.filter((a, i) => a && labels[i]).length;
  const positives = labels.filter(Boolean).length;
  return {
    alerted,
    precision: r4(alerted ? hits / alerted : NaN),
    recall: r4(positives ? hits / positives : NaN),
  };
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** A merchant still trading at day s: an approved transaction in (s − activeWithinDays, s]. */
export function tradingAt(lastActive: string | null, s: number, activeWithinDays: number): boolean {
  return lastActive !== null && s - dayNumber(lastActive) < activeWithinDays;
}

/**
 * Days before its dormancy start `startDay` that a merchant was first alerted, scanning as-of dates
 * startDay−1, startDay−1−step, … back to startDay−lookback; only dates where it was still trading
 * count. Null when never alerted.
 */
export function firstAlertLead(
  merchantId: string,
  days: readonly DailyActivity[],
  startDay: number,
  ranker: BacktestRanker,
  opts: EarlyWarningOptions & { dormantAfterDays: number },
): number | null {
  let lead: number | null = null;
  for (let s = startDay - 1; s >= startDay - opts.leadLookbackDays; s -= opts.leadStepDays) {
    const windows = aggregateActivity(days, dateOfDay(s), opts.dormantAfterDays);
    if (!tradingAt(windows.lastActiveDate, s, opts.activeWithinDays)) continue;
    if (ranker.rate({ merchantId, days, windows }).alert) lead = startDay - s;
  }
  return lead;
}

/** Lead time of a ranker over the true positives (merchant, its days, its dormancy start day). */
export function leadTime(
  positives: ReadonlyArray<{ merchantId: string; days: readonly DailyActivity[]; startDay: number }>,
  ranker: BacktestRanker,
  opts: EarlyWarningOptions & { dormantAfterDays: number },
): LeadTime {
  const leads = positives
    .map((p) => firstAlertLead(p.merchantId, p.days, p.startDay, ranker, opts))
    .filter((l): l is number => l !== null)
    .sort((p, q) => p - q);
  return {
    alerted: leads.length,
    missed: positives.length - leads.length,
    p25: quantile(leads, 0.25),
    median: quantile(leads, 0.5),
    p75: quantile(leads, 0.75),
  };
}
