import {
  addLocalDays,
  assertTimezone,
  instantOfLocal,
  isoWeekday,
  LocalDate,
  localDateOf,
} from './zoned-time';

/** Days of the week, as calendars name them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of working time within a local day: `09:00`–`18:00` (`end` may be `24:00`). */
export interface WorkingInterval {
  start: string;
  end: string;
}

/** Working intervals per weekday; a missing or empty day is closed. */
export type WeeklyHours = Partial<Record<Weekday, WorkingInterval[]>>;

/** One year of a region's public holidays and make-up working days (调休), as published. */
export interface HolidaySchedule {
  /** Region code, e.g. `CN`. */
  region: string;
  year: number;
  /** Dates closed for a public holiday (including the weekdays moved into the break). */
  holidays: LocalDate[];
  /** Weekend dates that are working days (make-up days). */
  workdays: LocalDate[];
  /** Where the dates come from. */
  source: string;
}

/** A business calendar as configured (data: stored, edited through the API). */
export interface CalendarDefinition {
  id: string;
  /** IANA timezone the working hours are in. */
  timezone: string;
  /** `24x7` counts every second; `business_hours` only working intervals on working days. */
  mode: 'business_hours' | '24x7';
  weeklyHours: WeeklyHours;
  /** Public holiday region whose schedules apply (e.g. `CN`); none when absent. */
  holidayRegion?: string | null;
  /** Closed dates on top of the region's holidays. */
  holidays?: LocalDate[];
  /** Extra working dates on top of the region's make-up days. */
  workdays?: LocalDate[];
  /** Whose hours a make-up working day keeps (default `mon`). */
  makeupDayHours?: Weekday;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Longest stretch the arithmetic walks before giving up (a calendar closed for ten years is misconfigured). */
const MAX_DAYS = 3_700;
const CACHE_LIMIT = 4_000;

function minuteOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Every problem of a definition, as `field: message` lines (empty when valid). */
export function calendarIssues(def: CalendarDefinition): string[] {
  const issues: string[] = [];
  try {
    assertTimezone(def.timezone);
  } catch (e) {
    issues.push(`timezone: ${(e as Error).message}`);
  }
  for (const [day, intervals] of Object.entries(def.weeklyHours ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) issues.push(`weeklyHours.${day}: not a weekday`);
    let previousEnd = -1;
    for (const [i, iv] of (intervals ?? []).entries()) {
      if (!TIME.test(iv.start) || !TIME.test(iv.end) || iv.start === '24:00') {
        issues.push(`weeklyHours.${day}[${i}]: times must be HH:MM (end may be 24:00)`);
        continue;
      }
      const [s, e] = [minuteOf(iv.start), minuteOf(iv.end)];
      if (s >= e) issues.push(`weeklyHours.${day}[${i}]: start must be before end`);
      if (s < previousEnd) issues.push(`weeklyHours.${day}[${i}]: intervals must be sorted and not overlap`);
      previousEnd = e;
    }
  }
  for (const d of [...(def.holidays ?? []), ...(def.workdays ?? [])]) {
    if (!DATE.test(d)) issues.push(`holidays/workdays: "${d}" is not a YYYY-MM-DD date`);
  }
  const open = WEEKDAYS.some((d) => (def.weeklyHours?.[d] ?? []).length > 0);
  if (def.mode === 'business_hours' && !open)
    issues.push('weeklyHours: a business-hours calendar needs working hours');
  return issues;
}

/** Every problem of a holiday schedule, as `field: message` lines (empty when valid). */
export function holidayScheduleIssues(s: HolidaySchedule): string[] {
  const issues: string[] = [];
  if (typeof s?.region !== 'string' || !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(s.region))
    issues.push('region: must be a country code such as CN (optionally with a subdivision, CN-GD)');
  if (!Number.isInteger(s?.year) || s.year < 2000 || s.year > 2100)
    issues.push('year: must be an integer between 2000 and 2100');
  for (const field of ['holidays', 'workdays'] as const) {
    const dates: unknown = s?.[field];
    if (!Array.isArray(dates)) {
      issues.push(`${field}: must be a list of YYYY-MM-DD dates`);
      continue;
    }
    for (const d of dates) {
      if (typeof d !== 'string' || !DATE.test(d) || !isCalendarDate(d))
        issues.push(`${field}: "${String(d)}" is not a YYYY-MM-DD date`);
      else if (Number(d.slice(0, 4)) !== s.year) issues.push(`${field}: ${d} is not in ${s.year}`);
    }
  }
  if (Array.isArray(s?.holidays) && Array.isArray(s?.workdays)) {
    const both = s.holidays.filter((d) => s.workdays.includes(d));
    if (both.length > 0) issues.push(`workdays: ${both.join(', ')} also listed as holidays`);
  }
  if (typeof s?.source !== 'string' || s.source.trim().length === 0)
    issues.push('source: say where the dates come from (e.g. the State Council notice)');
  return issues;
}

function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * Business-time arithmetic on one calendar: pure, on epoch milliseconds. `add(t, n)` is the instant
 * by which `n` ms of working time have elapsed since `t` (an instant outside working hours first
 * moves to the next opening; `add(t, 0) = t`); `between(a, b)` the working time in `[a, b)`. They
 * compose: `add(t, a + b) = add(add(t, a), b)` and `between(t, add(t, n)) = n`.
 */
export class BusinessCalendar {
  private readonly days = new Map<LocalDate, ReadonlyArray<readonly [number, number]>>();
  private readonly holidays: ReadonlySet<LocalDate>;
  private readonly workdays: ReadonlySet<LocalDate>;
  /** Years the region's holiday schedules cover. */
  private readonly scheduledYears: ReadonlySet<number>;

  private constructor(
    readonly definition: CalendarDefinition,
    schedules: readonly HolidaySchedule[],
  ) {
    const region = schedules.filter((s) => s.region === definition.holidayRegion);
    this.scheduledYears = new Set(region.map((s) => s.year));
    this.holidays = new Set([...region.flatMap((s) => s.holidays), ...(definition.holidays ?? [])]);
    // An explicit holiday of the calendar wins over a region's make-up day.
    this.workdays = new Set(
      [...region.flatMap((s) => s.workdays), ...(definition.workdays ?? [])].filter(
        (d) => !(definition.holidays ?? []).includes(d),
      ),
    );
  }

  /** @throws RangeError listing every issue of an invalid definition. */
  static compile(
    definition: CalendarDefinition,
    schedules: readonly HolidaySchedule[] = [],
  ): BusinessCalendar {
    const issues = calendarIssues(definition);
    if (issues.length > 0) throw new RangeError(`calendar ${definition.id}: ${issues.join('; ')}`);
    return new BusinessCalendar(definition, schedules);
  }

  get is24x7(): boolean {
    return this.definition.mode === '24x7';
  }

  /**
   * Local years touched by `[fromMs, toMs]` for which the calendar's holiday region has no schedule:
   * there its public holidays are unknown and count as ordinary days (a due time may fall on a holiday).
   * Empty for 24x7 calendars and calendars without a holiday region.
   */
  yearsWithoutSchedule(fromMs: number, toMs: number): number[] {
    if (this.is24x7 || !this.definition.holidayRegion) return [];
    const first = Number(localDateOf(this.definition.timezone, fromMs).slice(0, 4));
    const last = Number(localDateOf(this.definition.timezone, Math.max(fromMs, toMs)).slice(0, 4));
    const missing: number[] = [];
    for (let y = first; y <= last; y++) if (!this.scheduledYears.has(y)) missing.push(y);
    return missing;
  }

  /** Whether the instant falls in working time. */
  isWorking(ms: number): boolean {
    if (this.is24x7) return true;
    return this.intervalsOn(localDateOf(this.definition.timezone, ms)).some(([s, e]) => ms >= s && ms < e);
  }

  /** The instant by which `businessMs` of working time have elapsed from `fromMs`. */
  add(fromMs: number, businessMs: number): number {
    if (businessMs < 0) throw new RangeError('add takes a non-negative business duration');
    if (this.is24x7 || businessMs === 0) return fromMs + businessMs;
    let remaining = businessMs;
    let date = localDateOf(this.definition.timezone, fromMs);
    for (let i = 0; i < MAX_DAYS; i++, date = addLocalDays(date, 1)) {
      for (const [s, e] of this.intervalsOn(date)) {
        if (e <= fromMs) continue;
        const from = Math.max(s, fromMs);
        if (remaining <= e - from) return from + remaining;
        remaining -= e - from;
      }
    }
    throw new RangeError(`calendar ${this.definition.id} has no working time within ${MAX_DAYS} days`);
  }

  /** Working time in `[fromMs, toMs)`, in ms (0 when `toMs <= fromMs`). */
  between(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    if (this.is24x7) return toMs - fromMs;
    const last = localDateOf(this.definition.timezone, toMs);
    let total = 0;
    let date = localDateOf(this.definition.timezone, fromMs);
    for (let i = 0; i <= MAX_DAYS; i++, date = addLocalDays(date, 1)) {
      for (const [s, e] of this.intervalsOn(date)) {
        total += Math.max(0, Math.min(e, toMs) - Math.max(s, fromMs));
      }
      if (date >= last) return total;
    }
    throw new RangeError(`between spans more than ${MAX_DAYS} days`);
  }

  /** {@link add} on Dates with whole or fractional seconds. */
  addSeconds(from: Date, seconds: number): Date {
    return new Date(this.add(from.getTime(), Math.round(seconds * 1000)));
  }

  /** {@link between} in seconds. */
  secondsBetween(from: Date, to: Date): number {
    return this.between(from.getTime(), to.getTime()) / 1000;
  }

  /** Working intervals of a local date as UTC ms, cached. */
  intervalsOn(date: LocalDate): ReadonlyArray<readonly [number, number]> {
    let intervals = this.days.get(date);
    if (intervals) return intervals;
    const tz = this.definition.timezone;
    const hours = this.hoursOn(date);
    intervals = hours.map(
      (iv) =>
        [instantOfLocal(tz, date, minuteOf(iv.start)), instantOfLocal(tz, date, minuteOf(iv.end))] as const,
    );
    if (this.days.size >= CACHE_LIMIT) this.days.clear();
    this.days.set(date, intervals);
    return intervals;
  }

  private hoursOn(date: LocalDate): WorkingInterval[] {
    if (this.holidays.has(date)) return [];
    const hours = this.definition.weeklyHours;
    if (this.workdays.has(date)) return hours[this.definition.makeupDayHours ?? 'mon'] ?? [];
    return hours[WEEKDAYS[isoWeekday(date) - 1]] ?? [];
  }
}
