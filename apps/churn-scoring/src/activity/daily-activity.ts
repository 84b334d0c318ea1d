/** One merchant-day of activity as the scoring needs it (a subset of MerchantDailyActivity; fen). */
export interface DailyActivity {
  /** Merchant-local calendar date, `YYYY-MM-DD`. */
  date: string;
  approvedCount: number;
  declinedCount: number;
  approvedAmountMinor: number;
  feeMinor: number;
  cardReadFailureCount: number;
  /**
   * Approved purchases paid by card (credit + debit), when the source knows the channel mix (activity
   * files, the simulator); absent from the stored daily activity, so the channel-mix feature is then 0.
   */
  cardApprovedCount?: number;
  /**
   * Card-present attempts and card-read failures per terminal, when the source knows them (the
   * simulator's traffic); absent from the stored daily activity, where terminal episodes come from
   * terminal.health.v1 instead and the merchant-level rate stands in.
   */
  terminals?: ReadonlyArray<{ terminalId: string; cardAttempts: number; failures: number }>;
}

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → whole days since 1970-01-01 (UTC calendar arithmetic, no timezone involved). */
export function dayNumber(date: string): number {
  const cached = DAY_NUMBERS.get(date);
  if (cached !== undefined) return cached;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  // Scoring reads the same few hundred dates for every merchant: parsing them once is most of its speed.
  if (DAY_NUMBERS.size >= 100_000) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, ms / MS_PER_DAY);
  return ms / MS_PER_DAY;
}

const DAY_NUMBERS = new Map<string, number>();

/** Whole days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` shifted by `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/**
 * The date rescoring uses for an instant: the last COMPLETE local day in `timeZone` (yesterday,
 * locally), so a half-finished day never reads as a volume drop.
 */
export function lastCompleteLocalDate(instant: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return addDays(local, -1);
}
