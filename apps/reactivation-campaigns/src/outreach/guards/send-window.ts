/** Where and when outreach may reach a merchant: business hours minus the merchant's own peak hours. */
export interface SendWindowPolicy {
  /** First local hour of business hours (inclusive). */
  startHour: number;
  /** Local hour business hours end (exclusive; 24 = midnight). */
  endHour: number;
  /** An hour holding at least this share of the merchant's approved transactions is a peak. */
  peakHourShare: number;
}

/** One formatter per timezone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The merchant's local hour (0–23) and minute/second/ms offset into it at `instant`. */
export function localHourOf(instant: Date, timezone: string): { hour: number; msIntoHour: number } {
  const parts = formatterOf(timezone).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    hour: get('hour') % 24,
    msIntoHour: get('minute') * 60_000 + get('second') * 1000 + instant.getUTCMilliseconds(),
  };
}

/** The merchant's peak hours: those holding at least `peakHourShare` of its histogram (none when empty). */
export function peakHours(histogram: readonly number[], peakHourShare: number): Set<number> {
  const total = histogram.reduce((sum, n) => sum + Math.max(0, n), 0);
  const peaks = new Set<number>();
  if (total <= 0) return peaks;
  histogram.forEach((n, hour) => {
    if (n / total >= peakHourShare) peaks.add(hour);
  });
  return peaks;
}

/**
 * Local hours outreach may use: business hours without the merchant's peaks. When every business hour is
 * a peak (a merchant busy all day), business hours alone — better a busy hour than never.
 */
export function allowedHours(histogram: readonly number[], policy: SendWindowPolicy): Set<number> {
  const business: number[] = [];
  for (let h = policy.startHour; h < policy.endHour; h++) business.push(h);
  const peaks = peakHours(histogram, policy.peakHourShare);
  const quiet = business.filter((h) => !peaks.has(h));
  return new Set(quiet.length > 0 ? quiet : business);
}

/** The merchant's own quiet hours from the registry, local `HH:MM` to `HH:MM` (may wrap midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of an `HH:MM`; null when it is not one (a bad value is ignored, not fatal). */
export function minutesOfDay(hhmm: string): number | null {
  const m = HH_MM.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * The end of the quiet period `instant` falls in (local wall time), or `instant` itself when it is
 * outside the merchant's quiet hours (or they are empty or malformed).
 */
export function quietHoursEnd(instant: Date, timezone: string, quiet: QuietHours): Date {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === null || end === null || start === end) return instant;
  const { hour, msIntoHour } = localHourOf(instant, timezone);
  const minute = hour * 60 + Math.floor(msIntoHour / 60_000);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return instant;
  const minutesLeft = (end - minute + 1440) % 1440;
  return new Date(instant.getTime() - (msIntoHour % 60_000) + minutesLeft * 60_000);
}

/**
 * The first instant at or after `now` inside the merchant's send window (`now` itself when it is inside):
 * business hours minus its peaks and, when given, minus its own quiet hours from the registry. A job
 * outside the window is held until then, never dropped. Walks local hour starts, so it is right in
 * timezones with half-hour offsets and across DST changes.
 */
export function nextSendInstant(
  now: Date,
  timezone: string,
  histogram: readonly number[],
  policy: SendWindowPolicy,
  quiet?: QuietHours,
): Date {
  const allowed = allowedHours(histogram, policy);
  if (allowed.size === 0) return quiet ? quietHoursEnd(now, timezone, quiet) : now;
  let candidate = now;
  for (let i = 0; i < 100; i++) {
    const { hour, msIntoHour } = localHourOf(candidate, timezone);
    if (allowed.has(hour)) {
      const afterQuiet = quiet ? quietHoursEnd(candidate, timezone, quiet) : candidate;
      if (afterQuiet.getTime() === candidate.getTime()) return candidate;
      candidate = afterQuiet;
    } else {
      candidate = new Date(candidate.getTime() - msIntoHour + 3_600_000);
    }
  }
  return candidate;
}
