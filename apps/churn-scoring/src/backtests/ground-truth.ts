import { DailyActivity, dateOfDay, dayNumber } from '../activity/daily-activity';

/**
 * A merchant that went dormant (the simulator's ground truth, tools/simulator ground-truth.json
 * `dormantMerchants`): `dormantFrom` is the day it IS dormant by DESIGN.md (30 days without an
 * approved transaction); `dormancyDay`, when known, the first of those quiet days.
 */
export interface GroundTruthEntry {
  merchantId: string;
  /** Day the merchant is dormant (first quiet day + 30), `YYYY-MM-DD`. */
  dormantFrom: string;
  /** First day of the quiet run that led to dormancy, `YYYY-MM-DD`. */
  dormancyDay?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * Parses a ground-truth file: a JSON array of entries, or an object holding one under
 * `dormantMerchants` (the simulator's file) / `dormant` / `truth`. Entries whose `dormantFrom` is
 * null (the quiet run never started) are skipped; extra fields are ignored. Throws on anything malformed.
 */
export function parseGroundTruth(json: unknown): GroundTruthEntry[] {
  const list = Array.isArray(json)
    ? json
    : ['dormantMerchants', 'dormant', 'truth']
        .map((k) => (json as Record<string, unknown>)?.[k])
        .find(Array.isArray);
  if (!Array.isArray(list)) throw new Error('ground truth must be an array of {merchantId, dormantFrom}');
  return list.flatMap((entry, i) => {
    const e = entry as Record<string, unknown>;
    if (typeof e?.merchantId !== 'string' || (e.dormantFrom !== null && typeof e.dormantFrom !== 'string'))
      throw new Error(`ground truth entry ${i} needs merchantId and dormantFrom strings`);
    if (e.dormantFrom === null) return [];
    const dormantFrom = e.dormantFrom.slice(0, 10);
    dayNumber(dormantFrom);
    const out: GroundTruthEntry = { merchantId: e.merchantId, dormantFrom };
    if (typeof e.dormancyDay === 'string' && DAY.test(e.dormancyDay))
      out.dormancyDay = e.dormancyDay.slice(0, 10);
    return [out];
  });
}

/**
 * Ground truth observed in the data itself (for backtests on real history): the merchant's first
 * silence of at least `dormantAfterDays` days, fully observed by `dataEndDate`, that starts after its
 * last active day on or before `asOfDate` (dormancyDay = its first day, dormantFrom = + dormantAfterDays).
 * Merchants that never went that silent are absent.
 */
export function deriveObservedTruth(
  activity: ReadonlyMap<string, readonly DailyActivity[]>,
  asOfDate: string,
  dataEndDate: string,
  dormantAfterDays: number,
): GroundTruthEntry[] {
  const asOf = dayNumber(asOfDate);
  const end = dayNumber(dataEndDate);
  const truth: GroundTruthEntry[] = [];
  for (const [merchantId, days] of activity) {
    const active = days
      .filter((d) => d.approvedCount > 0)
      .map((d) => dayNumber(d.date))
      .filter((d) => d <= end)
      .sort((p, q) => p - q);
    let previous = active.filter((d) => d <= asOf).pop();
    if (previous === undefined) continue;
    for (const next of [...active.filter((d) => d > previous!), end + 1]) {
      const silent = next - previous - 1;
      const observedUntil = Math.min(next - 1, end);
      if (silent >= dormantAfterDays && observedUntil - previous >= dormantAfterDays) {
        truth.push({
          merchantId,
          dormancyDay: dateOfDay(previous + 1),
          dormantFrom: dateOfDay(previous + 1 + dormantAfterDays),
        });
        break;
      }
      previous = next;
    }
  }
  return truth;
}
