/** Where and when outreach may reach a merchant: business hours minus the merchant's own peak hours. */
export interface SendWindowPolicy {
  /** First local hour of business hours (inclusive). */
  startHour: number;
  /** Local hour business hours end (exclusive; 24 = midnight). */
  endHour: number;
  /** An hour holding at least this share of the merchant's approved transactions is a peak. */
  peakHourShare: number;
}

/** The merchant's local hour (0–23) and minute/second/ms offset into it at `instant`. */
export function localHourOf(instant: Date, timezone: string): { hour: number; msIntoHour: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
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

/**
 * The first instant at or after `now` inside the merchant's send window (`now` itself when it is inside):
 * a job outside the window is held until then, never dropped. Walks local hour starts, so it is right in
 * timezones with half-hour offsets and across DST changes.
 */
export function nextSendInstant(
  now: Date,
  timezone: string,
  histogram: readonly number[],
  policy: SendWindowPolicy,
): Date {
  const allowed = allowedHours(histogram, policy);
  if (allowed.size === 0) return now;
  let candidate = now;
  for (let i = 0; i < 50; i++) {
    const { hour, msIntoHour } = localHourOf(candidate, timezone);
    if (allowed.has(hour)) return candidate;
    candidate = new Date(candidate.getTime() - msIntoHour + 3_600_000);
  }
  return candidate;
}
