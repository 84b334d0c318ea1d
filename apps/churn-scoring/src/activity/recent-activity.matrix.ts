// A chunk of merchants' recent daily activity as flat typed arrays (one per column, merchant row × age):
// what rescoring reads instead of one object per merchant-day.
import { ActivityWindows, BASELINE_DAYS, emptyTotals, WindowTotals } from './activity-windows';
import { DailyActivity, dayNumber } from './daily-activity';

/**
 * Recent daily activity of a chunk of merchants as flat arrays: merchant `row`, age `a` (0 = the as-of
 * date, days before it count up) at `row * lookback + a`; plus what the whole history says (first
 * active day, active-day count) from the rescoring's aggregate.
 */
export class RecentActivityMatrix {
  readonly approved: Float64Array;
  readonly declined: Float64Array;
  readonly amount: Float64Array;
  readonly fee: Float64Array;
  readonly failures: Float64Array;
  /** First active day of the whole history (day number), NaN when unknown. */
  readonly firstActive: Float64Array;
  /** Active days of the whole history (0 when unknown). */
  readonly activeDaysTotal: Float64Array;
  readonly asOfDay: number;

  constructor(
    readonly merchantIds: readonly string[],
    readonly asOfDate: string,
    readonly lookback: number,
  ) {
    const size = merchantIds.length * lookback;
    this.approved = new Float64Array(size);
    this.declined = new Float64Array(size);
    this.amount = new Float64Array(size);
    this.fee = new Float64Array(size);
    this.failures = new Float64Array(size);
    this.firstActive = new Float64Array(merchantIds.length).fill(Number.NaN);
    this.activeDaysTotal = new Float64Array(merchantIds.length);
    this.asOfDay = dayNumber(asOfDate);
  }

  get rows(): number {
    return this.merchantIds.length;
  }

  /** Stores one merchant-day (ignored outside the lookback). */
  set(
    row: number,
    age: number,
    day: Pick<
      DailyActivity,
      'approvedCount' | 'declinedCount' | 'approvedAmountMinor' | 'feeMinor' | 'cardReadFailureCount'
    >,
  ): void {
    if (age < 0 || age >= this.lookback) return;
    const i = row * this.lookback + age;
    this.approved[i] = day.approvedCount;
    this.declined[i] = day.declinedCount;
    this.amount[i] = day.approvedAmountMinor;
    this.fee[i] = day.feeMinor;
    this.failures[i] = day.cardReadFailureCount;
  }

  /**
   * Fills a row from a packed text row `age,approved,declined,amount,fee,failures;…` (non-negative
   * integers, as the rescoring query aggregates them) without splitting it into strings.
   */
  setPacked(row: number, packed: string): void {
    const base = row * this.lookback;
    const columns = [this.approved, this.declined, this.amount, this.fee, this.failures];
    let field = 0;
    let value = 0;
    let age = 0;
    const flush = () => {
      if (field === 0) age = value;
      else if (age >= 0 && age < this.lookback) columns[field - 1][base + age] = value;
    };
    for (let k = 0; k < packed.length; k++) {
      const c = packed.charCodeAt(k);
      if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
      else if (c === 44 || c === 59) {
        flush();
        value = 0;
        field = c === 44 ? Math.min(field + 1, 5) : 0;
      }
    }
    if (packed.length > 0) flush();
  }

  /** A matrix from daily activity per merchant (tests, tools); `summaries` add the whole history's first day and count. */
  static fromDays(
    merchantIds: readonly string[],
    days: ReadonlyMap<string, readonly DailyActivity[]>,
    asOfDate: string,
    lookback: number,
    summaries?: ReadonlyMap<string, { firstActiveDate: string; activeDays: number }>,
  ): RecentActivityMatrix {
    const m = new RecentActivityMatrix(merchantIds, asOfDate, lookback);
    merchantIds.forEach((id, row) => {
      for (const d of days.get(id) ?? []) m.set(row, m.asOfDay - dayNumber(d.date), d);
      const s = summaries?.get(id);
      if (s) {
        m.firstActive[row] = dayNumber(s.firstActiveDate);
        m.activeDaysTotal[row] = s.activeDays;
      }
    });
    return m;
  }
}

/** The windows of one matrix row (same sums as WINDOWS_SQL and aggregateActivity) beside the history summary. */
export function windowsOfRow(
  m: RecentActivityMatrix,
  row: number,
  summary: Pick<
    ActivityWindows,
    'asOfDate' | 'firstActiveDate' | 'lastActiveDate' | 'activeDays' | 'resumedAfterDormancyOn'
  >,
): ActivityWindows {
  const sum = (from: number, to: number): WindowTotals => {
    const totals = emptyTotals();
    const o = row * m.lookback;
    for (let a = from; a < to; a++) {
      const c = m.approved[o + a];
      totals.approvedCount += c;
      totals.declinedCount += m.declined[o + a];
      totals.amountMinor += m.amount[o + a];
      totals.feeMinor += m.fee[o + a];
      totals.cardReadFailureCount += m.failures[o + a];
      if (c > 0) totals.activeDays += 1;
    }
    return totals;
  };
  return {
    ...summary,
    d7: sum(0, 7),
    d28: sum(0, 28),
    d90: sum(0, 90),
    baseline: sum(28, 28 + BASELINE_DAYS),
  };
}
