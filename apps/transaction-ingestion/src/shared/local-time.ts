const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
/** `YYYY-MM-DD` of a UTC day start (ms): a handful of days are live at a time. */
const dayLabels = new Map<number, string>();

/** A UTC instant seen in a merchant's timezone: its calendar date and hour of day. */
export interface LocalDateHour {
  /** `YYYY-MM-DD` in the timezone. */
  date: string;
  /** 0–23 in the timezone. */
  hour: number;
}

/**
 * The local date and hour of `utcMs` in `timezone`. The UTC offset is looked up once per (timezone,
 * UTC hour) and cached — every IANA offset change happens on a whole UTC quarter-hour at most, and
 * offsets are constant within a UTC hour in every zone in use — so the hot path does arithmetic only.
 */
export function localDateHour(utcMs: number, timezone: string): LocalDateHour {
  const hourStart = utcMs - (((utcMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
  const key = `${timezone}|${hourStart}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetMs(hourStart, timezone);
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = utcMs + offset;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  let date = dayLabels.get(dayStart);
  if (date === undefined) {
    date = new Date(dayStart).toISOString().slice(0, 10);
    if (dayLabels.size > 10_000) dayLabels.clear();
    dayLabels.set(dayStart, date);
  }
  return { date, hour: Math.floor((local - dayStart) / HOUR_MS) };
}

/** The timezone's offset from UTC at `utcMs`, in ms (positive east of Greenwich). */
function offsetMs(utcMs: number, timezone: string): number {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (utcMs - (utcMs % 1000));
}

/** `YYYY-MM-DD` of an instant in UTC (the ledger's business date). */
export function utcDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DD` in UTC of a validated ISO-8601 instant (`parseRawTransaction` checked it): with a `Z`
 * suffix the date is its first ten characters; an offset needs the full parse.
 */
export function utcDateOfInstant(instant: string): string {
  return instant.endsWith('Z') ? instant.slice(0, 10) : utcDate(Date.parse(instant));
}
