// Builds BG/NBD inputs (x, t_x, T) from a raw purchase log.
import { CustomerSummary } from './bgnbd.types';

const MS_PER_DAY = 86_400_000;
const DAYS_PER_UNIT = { days: 1, weeks: 7 } as const;

/** One purchase record. Several records of a customer on the same day are one transaction. */
export interface TransactionRow {
  readonly customerId: string;
  /**
   * The purchase's calendar day: 'YYYY-MM-DD', 'YYYYMMDD', or a Date (its UTC calendar day).
   * Callers convert instants to the business's local day first (e.g. Asia/Shanghai).
   */
  readonly date: string | Date;
}

/** Options for {@link summariseTransactions}. */
export interface SummariseOptions {
  /** Last calendar day of the calibration period, inclusive (same formats as TransactionRow.date). */
  readonly calibrationEnd: string | Date;
  /** Time unit of t_x and T. CDNOW's published figures use weeks. */
  readonly unit: 'days' | 'weeks';
  /** Optional last day of a holdout period; enables `holdoutX`. */
  readonly holdoutEnd?: string | Date;
}

/** A customer's calibration summary, plus holdout count when a holdout period was given. */
export interface TransactionSummary extends CustomerSummary {
  /** First purchase day, 'YYYY-MM-DD'. */
  readonly firstPurchase: string;
  /** Purchase days in (calibrationEnd, holdoutEnd]; present only when holdoutEnd was given. */
  readonly holdoutX?: number;
}

/** Calendar day as whole days since 1970-01-01. Throws on anything that is not a valid day. */
export function toEpochDay(value: string | Date): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('invalid Date');
    return Math.floor(ms / MS_PER_DAY);
  }
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!match) throw new RangeError(`not a calendar day (YYYY-MM-DD or YYYYMMDD): ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const parsed = new Date(ms);
  if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day)
    throw new RangeError(`no such calendar day: ${value}`);
  return ms / MS_PER_DAY;
}

function summariseCustomer(
  id: string,
  days: Set<number>,
  calEnd: number,
  holdoutEnd: number | null,
  unit: number,
) {
  let first = Infinity;
  let lastInCalibration = -Infinity;
  let calibrationDays = 0;
  let holdoutDays = 0;
  for (const day of days) {
    first = Math.min(first, day);
    if (day <= calEnd) {
      calibrationDays++;
      lastInCalibration = Math.max(lastInCalibration, day);
    } else if (holdoutEnd !== null && day <= holdoutEnd) {
      holdoutDays++;
    }
  }
  if (first > calEnd) return null; // acquired after calibration: not part of this cohort
  const summary: TransactionSummary = {
    id,
    x: calibrationDays - 1,
    tx: (lastInCalibration - first) / unit,
    T: (calEnd - first) / unit,
    firstPurchase: new Date(first * MS_PER_DAY).toISOString().slice(0, 10),
  };
  return holdoutEnd === null ? summary : { ...summary, holdoutX: holdoutDays };
}

/**
 * Turns (customerId, date) purchase rows into the BG/NBD sufficient statistics, following the
 * CDNOW conventions of Fader, Hardie & Lee:
 * - a transaction is a purchase *day*: records on the same day merge into one;
 * - x counts repeat purchase days in the calibration period (the first purchase is excluded);
 * - t_x = last calibration purchase day − first purchase day (0 when x = 0);
 * - T = calibrationEnd − first purchase day; both divided by 7 for weeks.
 * Customers whose first purchase falls after calibrationEnd are left out. Output keeps the order in
 * which customers first appear in `rows`.
 */
export function summariseTransactions(
  rows: Iterable<TransactionRow>,
  options: SummariseOptions,
): TransactionSummary[] {
  const calEnd = toEpochDay(options.calibrationEnd);
  const holdoutEnd = options.holdoutEnd === undefined ? null : toEpochDay(options.holdoutEnd);
  if (holdoutEnd !== null && holdoutEnd < calEnd) throw new RangeError('holdoutEnd is before calibrationEnd');
  const unit = DAYS_PER_UNIT[options.unit];
  if (unit === undefined) throw new RangeError(`unit must be 'days' or 'weeks', got ${String(options.unit)}`);
  const daysByCustomer = new Map<string, Set<number>>();
  for (const row of rows) {
    let days = daysByCustomer.get(row.customerId);
    if (!days) daysByCustomer.set(row.customerId, (days = new Set()));
    days.add(toEpochDay(row.date));
  }
  const summaries: TransactionSummary[] = [];
  for (const [id, days] of daysByCustomer) {
    const summary = summariseCustomer(id, days, calEnd, holdoutEnd, unit);
    if (summary) summaries.push(summary);
  }
  return summaries;
}
