/**
 * Simulated calendar. Merchants trade in Asia/Shanghai, which is UTC+8 all year (no daylight
 * saving), so a local day is a fixed 24-hour UTC window starting at 16:00 UTC the day before.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** One simulated local day. */
export interface SimDay {
  /** Offset from the run's start date. */
  day: number;
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** Local date `YYYYMMDD`, used in transaction ids. */
  compactDate: string;
  /** UTC epoch ms of local midnight. */
  startMs: number;
  /** 0 = Monday … 6 = Sunday. */
  isoWeekday: number;
}

/** Parses `YYYY-MM-DD` strictly. */
export function parseLocalDate(text: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`expected a date YYYY-MM-DD, got "${text}"`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) throw new Error(`no such date "${text}"`);
  return { y, m, d };
}

/** Day `offset` after local date `start`. */
export function simDay(start: string, offset: number): SimDay {
  const { y, m, d } = parseLocalDate(start);
  const utcMidnight = Date.UTC(y, m - 1, d + offset);
  const date = new Date(utcMidnight).toISOString().slice(0, 10);
  return {
    day: offset,
    date,
    compactDate: date.replaceAll('-', ''),
    startMs: utcMidnight - CHINA_OFFSET_MS,
    isoWeekday: (new Date(utcMidnight).getUTCDay() + 6) % 7,
  };
}

/** Local date (`YYYY-MM-DD`) of day `offset` after `start`. */
export function localDateOf(start: string, offset: number): string {
  return simDay(start, offset).date;
}

/** Local hour 0–23 of an instant in China time. */
export function localHourOf(epochMs: number): number {
  return Math.floor(((((epochMs + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

/** Lunar New Year's Day (the Spring Festival) by year, 2024–2030. */
export const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/** Day offset from `start` of the first Spring Festival in [start, start + days), null if none. */
export function springFestivalOffset(start: string, days: number): number | null {
  const startMs = Date.UTC(parseLocalDate(start).y, parseLocalDate(start).m - 1, parseLocalDate(start).d);
  for (const date of Object.values(SPRING_FESTIVAL)) {
    const offset = Math.round((Date.parse(`${date}T00:00:00Z`) - startMs) / DAY_MS);
    if (offset >= 0 && offset < days) return offset;
  }
  return null;
}
