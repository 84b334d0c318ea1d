import { holidayScheduleIssues } from '@merchant-pulse/business-calendar';
import type { HolidaySchedule } from '@merchant-pulse/business-calendar';
import { readFileSync } from 'node:fs';

const KEY = 'HOLIDAY_SCHEDULES_FILE';

/**
 * Reads the holiday schedules of `HOLIDAY_SCHEDULES_FILE` (a JSON list of {@link HolidaySchedule}).
 * @throws Error naming the key, the file and every problem (unreadable, not JSON, invalid schedule,
 * the same region and year twice), so the service refuses to start on a bad file.
 */
export function readHolidayScheduleFile(path: string): HolidaySchedule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${KEY}: cannot read ${path} as JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${KEY}: ${path} must hold a JSON list of schedules`);
  const issues: string[] = [];
  const seen = new Set<string>();
  parsed.forEach((s: HolidaySchedule, i) => {
    for (const issue of holidayScheduleIssues(s)) issues.push(`[${i}].${issue}`);
    const key = `${s?.region}/${s?.year}`;
    if (seen.has(key)) issues.push(`[${i}]: ${key} is listed twice`);
    seen.add(key);
  });
  if (issues.length > 0) throw new Error(`${KEY}: ${path}: ${issues.join('; ')}`);
  return (parsed as HolidaySchedule[]).map((s) => ({
    region: s.region,
    year: s.year,
    holidays: [...s.holidays],
    workdays: [...s.workdays],
    source: s.source,
  }));
}
