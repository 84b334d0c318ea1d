// The Chinese calendar the hazard model reads: the Spring Festival (lunar new year, when many small
// merchants close for one to two weeks on purpose) and the statutory public holidays (State Council
// notices; days off only, make-up working days ignored). Extend the tables each year when the notice
// is published; dates outside them read as ordinary days.
import { dayNumber } from '../../activity/daily-activity';

/** Lunar New Year's Day by year. */
export const SPRING_FESTIVAL_DATES: readonly string[] = [
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
];

/** Statutory holiday periods [first, last] (inclusive), 2025–2027. */
const PUBLIC_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['2025-01-01', '2025-01-01'],
  ['2025-01-28', '2025-02-04'],
  ['2025-04-04', '2025-04-06'],
  ['2025-05-01', '2025-05-05'],
  ['2025-05-31', '2025-06-02'],
  ['2025-10-01', '2025-10-08'],
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
  ['2027-01-01', '2027-01-03'],
  ['2027-02-05', '2027-02-11'],
  ['2027-04-03', '2027-04-05'],
  ['2027-05-01', '2027-05-05'],
  ['2027-06-09', '2027-06-11'],
  ['2027-09-15', '2027-09-17'],
  ['2027-10-01', '2027-10-07'],
];

const HOLIDAY_DAYS: ReadonlySet<number> = new Set(
  PUBLIC_HOLIDAYS.flatMap(([from, to]) => {
    const out: number[] = [];
    for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(d);
    return out;
  }),
);
const SPRING_FESTIVAL_DAYS = SPRING_FESTIVAL_DATES.map(dayNumber);

/** Days from the nearest Spring Festival to `date` (negative before it), or null when none is within 60 days. */
export function daysFromSpringFestival(date: string): number | null {
  const t = dayNumber(date);
  let best: number | null = null;
  for (const sf of SPRING_FESTIVAL_DAYS)
    if (Math.abs(t - sf) <= 60 && (best === null || Math.abs(t - sf) < Math.abs(best))) best = t - sf;
  return best;
}

/** True when `date` is in the Spring Festival season merchants close in: 10 days before to 20 days after. */
export function inSpringFestivalSeason(date: string): boolean {
  const d = daysFromSpringFestival(date);
  return d !== null && d >= -10 && d <= 20;
}

/** Statutory holiday days within [date − before, date + after]. */
export function publicHolidayDaysAround(date: string, before: number, after: number): number {
  const t = dayNumber(date);
  let n = 0;
  for (let d = t - before; d <= t + after; d++) if (HOLIDAY_DAYS.has(d)) n++;
  return n;
}
