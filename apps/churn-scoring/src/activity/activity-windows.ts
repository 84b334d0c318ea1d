import { DailyActivity, dayNumber, dateOfDay } from './daily-activity';

/** Totals of the days inside one window. Amounts and fees in fen. */
export interface WindowTotals {
  approvedCount: number;
  declinedCount: number;
  amountMinor: number;
  feeMinor: number;
  cardReadFailureCount: number;
  /** Days with at least one approved purchase. */
  activeDays: number;
}

/**
 * Everything the features need from a merchant's daily activity up to and including `asOfDate`.
 * Windows end on asOfDate inclusive: `d7` covers (asOf−7, asOf]. `baseline` covers the 8 whole weeks
 * before the last 4, (asOf−84, asOf−28]: whole weeks, so every weekday is equally represented in
 * both the recent window and the baseline — the weekday rhythm (busy weekends, quiet Mondays)
 * cancels out of the comparison. Rescoring sums the same windows from flat arrays (windowsOfRow, checked
 * against this function in hazard-matrix.spec.ts); keep the two in step.
 */
export interface ActivityWindows {
  asOfDate: string;
  /** First and last day with an approved purchase (any time up to asOfDate), null when none. */
  firstActiveDate: string | null;
  lastActiveDate: string | null;
  /** Days with an approved purchase up to asOfDate. */
  activeDays: number;
  /**
   * The latest day, up to asOfDate, on which approved activity RESUMED after a silence of at least
   * `dormantAfterDays` days without an approved purchase (it ended a dormancy); null when never.
   * Derived from the history alone, so it is the same however late or in whatever order the days arrive.
   */
  resumedAfterDormancyOn: string | null;
  d7: WindowTotals;
  d28: WindowTotals;
  d90: WindowTotals;
  baseline: WindowTotals;
}

/** Length of the baseline window in days (8 whole weeks before the most recent 4). */
export const BASELINE_DAYS = 56;

/** A window with nothing in it. */
export function emptyTotals(): WindowTotals {
  return {
    approvedCount: 0,
    declinedCount: 0,
    amountMinor: 0,
    feeMinor: 0,
    cardReadFailureCount: 0,
    activeDays: 0,
  };
}

function add(totals: WindowTotals, day: DailyActivity): void {
  totals.approvedCount += day.approvedCount;
  totals.declinedCount += day.declinedCount;
  totals.amountMinor += day.approvedAmountMinor;
  totals.feeMinor += day.feeMinor;
  totals.cardReadFailureCount += day.cardReadFailureCount;
  if (day.approvedCount > 0) totals.activeDays += 1;
}

/** Latest active day preceded by ≥ `minSilentDays` days without activity (not the first ever), else null. */
function lastResumption(activeDays: number[], minSilentDays: number): string | null {
  const sorted = [...activeDays].sort((x, y) => x - y);
  let resumed: number | null = null;
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] - sorted[i - 1] - 1 >= minSilentDays) resumed = sorted[i];
  return resumed === null ? null : dateOfDay(resumed);
}

/**
 * Aggregates one merchant's daily activity (any order, one entry per date) as of a date;
 * `dormantAfterDays` is the silence that makes a merchant dormant (for `resumedAfterDormancyOn`).
 */
export function aggregateActivity(
  days: readonly DailyActivity[],
  asOfDate: string,
  dormantAfterDays: number,
): ActivityWindows {
  const asOf = dayNumber(asOfDate);
  const active: number[] = [];
  const result: ActivityWindows = {
    asOfDate,
    firstActiveDate: null,
    lastActiveDate: null,
    activeDays: 0,
    resumedAfterDormancyOn: null,
    d7: emptyTotals(),
    d28: emptyTotals(),
    d90: emptyTotals(),
    baseline: emptyTotals(),
  };
  let first = Infinity;
  let last = -Infinity;
  for (const day of days) {
    const n = dayNumber(day.date);
    if (n > asOf) continue;
    const age = asOf - n;
    if (day.approvedCount > 0) {
      result.activeDays += 1;
      active.push(n);
      first = Math.min(first, n);
      last = Math.max(last, n);
    }
    if (age < 7) add(result.d7, day);
    if (age < 28) add(result.d28, day);
    if (age < 90) add(result.d90, day);
    if (age >= 28 && age < 28 + BASELINE_DAYS) add(result.baseline, day);
  }
  if (result.activeDays > 0) {
    result.firstActiveDate = dateOfDay(first);
    result.lastActiveDate = dateOfDay(last);
    result.resumedAfterDormancyOn = lastResumption(active, dormantAfterDays);
  }
  return result;
}
