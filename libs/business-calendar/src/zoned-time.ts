/** A calendar date in some timezone, `YYYY-MM-DD`. */
export type LocalDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when `timezone` is not an IANA zone this runtime knows. */
export function assertTimezone(timezone: string): void {
  try {
    formatter(timezone);
  } catch {
    throw new RangeError(`unknown timezone "${timezone}"`);
  }
}

/** The wall-clock fields of an instant in a timezone. */
function wallFields(timezone: string, ms: number): { y: number; m: number; d: number; wallMs: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wallMs = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return { y: parts.year, m: parts.month, d: parts.day, wallMs: wallMs + (((ms % 1000) + 1000) % 1000) };
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(timezone: string, ms: number): number {
  return wallFields(timezone, ms).wallMs - ms;
}

/** The local date of an instant in a timezone. */
export function localDateOf(timezone: string, ms: number): LocalDate {
  const { y, m, d } = wallFields(timezone, ms);
  return isoDate(y, m, d);
}

/** The UTC instant of a local wall time (`minuteOfDay` may be 1440: the next midnight). */
export function instantOfLocal(timezone: string, date: LocalDate, minuteOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  // Two passes settle the offset across a DST change; a wall time that does not exist moves forward.
  const first = wall - zoneOffsetMs(timezone, wall);
  const second = wall - zoneOffsetMs(timezone, first);
  return second;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The date `days` after `date`. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

function isoDate(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
