import {
  BusinessCalendar,
  CalendarDefinition,
  calendarIssues,
  holidayScheduleIssues,
} from './business-calendar';
import { CN_2026 } from './cn-public-holidays';

const nineToSix = [{ start: '09:00', end: '18:00' }];
const shanghai: CalendarDefinition = {
  id: 'cn-office',
  timezone: 'Asia/Shanghai',
  mode: 'business_hours',
  weeklyHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
  holidayRegion: 'CN',
};
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe(BusinessCalendar.name, () => {
  const cal = BusinessCalendar.compile(shanghai, [CN_2026]);

  it('should carry the remainder of a Friday over the weekend to Monday when the target runs past closing', () => {
    // Fri 2026-03-06 17:00 Shanghai (09:00Z) + 4 h = 1 h on Friday, 3 h on Monday → Mon 12:00 (04:00Z).
    expect(iso(cal.add(at('2026-03-06T09:00:00Z'), 4 * HOUR))).toBe('2026-03-09T04:00:00.000Z');
    expect(cal.between(at('2026-03-06T09:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(4 * HOUR);
  });

  it('should skip the National Day week and work the make-up Saturday when the holiday schedule applies', () => {
    // Wed 2026-09-30 17:00 + 2 h: 1 h on Sep 30, Oct 1–7 closed, Oct 8 (Thu) 09:00 + 1 h.
    expect(iso(cal.add(at('2026-09-30T09:00:00Z'), 2 * HOUR))).toBe('2026-10-08T02:00:00.000Z');
    // Fri 2026-10-09 17:00 + 2 h: Saturday Oct 10 is a make-up working day → 10:00 Saturday.
    expect(iso(cal.add(at('2026-10-09T09:00:00Z'), 2 * HOUR))).toBe('2026-10-10T02:00:00.000Z');
  });

  it('should start counting at the next opening when the start is outside working hours', () => {
    // Sat 2026-03-07 noon + 30 min → Mon 09:30.
    expect(iso(cal.add(at('2026-03-07T04:00:00Z'), HOUR / 2))).toBe('2026-03-09T01:30:00.000Z');
    expect(cal.add(at('2026-03-07T04:00:00Z'), 0)).toBe(at('2026-03-07T04:00:00Z'));
    expect(cal.isWorking(at('2026-03-07T04:00:00Z'))).toBe(false);
    expect(cal.isWorking(at('2026-03-09T01:30:00Z'))).toBe(true);
  });

  it('should count only working time between two instants when they span the Spring Festival', () => {
    // Fri 2026-02-13 09:00 → Wed 2026-02-25 09:00: Feb 13, Sat Feb 14 (make-up day), Feb 24 = 3 days × 9 h.
    expect(cal.between(at('2026-02-13T01:00:00Z'), at('2026-02-25T01:00:00Z'))).toBe(27 * HOUR);
  });

  it('should count every second when the calendar is 24x7', () => {
    const allDay = BusinessCalendar.compile({ ...shanghai, id: '24x7', mode: '24x7', weeklyHours: {} });
    expect(allDay.add(at('2026-10-01T00:00:00Z'), 5 * HOUR)).toBe(at('2026-10-01T05:00:00Z'));
    expect(allDay.between(at('2026-10-01T00:00:00Z'), at('2026-10-02T00:00:00Z'))).toBe(24 * HOUR);
  });

  it('should honour split shifts and a calendar holiday on top of the region when configured', () => {
    const split = BusinessCalendar.compile(
      {
        ...shanghai,
        weeklyHours: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '18:00' },
          ],
        },
        holidays: ['2026-03-16'],
      },
      [CN_2026],
    );
    // Mon 2026-03-09 11:00 + 2 h → 1 h before lunch, 1 h after → 14:00.
    expect(iso(split.add(at('2026-03-09T03:00:00Z'), 2 * HOUR))).toBe('2026-03-09T06:00:00.000Z');
    // Mon 2026-03-09 17:00 + 2 h → 1 h, then Mon 03-16 is closed → Mon 03-23 10:00.
    expect(iso(split.add(at('2026-03-09T09:00:00Z'), 2 * HOUR))).toBe('2026-03-23T02:00:00.000Z');
  });

  it('should list every issue when the definition is invalid', () => {
    const issues = calendarIssues({
      id: 'bad',
      timezone: 'Mars/Olympus',
      mode: 'business_hours',
      weeklyHours: { mon: [{ start: '18:00', end: '09:00' }] },
      holidays: ['2026-13-01'],
    });
    expect(issues).toEqual([
      expect.stringContaining('timezone'),
      expect.stringContaining('start must be before end'),
      expect.stringContaining('2026-13-01'),
    ]);
    expect(() => BusinessCalendar.compile({ ...shanghai, weeklyHours: {} })).toThrow(RangeError);
  });

  it('should follow the zone across a DST change when the calendar is not in China', () => {
    const ny = BusinessCalendar.compile({
      ...shanghai,
      id: 'ny',
      timezone: 'America/New_York',
      holidayRegion: null,
    });
    // Fri 2026-03-06 17:00 EST (22:00Z) + 2 h → Mon 2026-03-09 10:00 EDT (14:00Z, not 15:00Z as in EST): after the switch.
    expect(iso(ny.add(at('2026-03-06T22:00:00Z'), 2 * HOUR))).toBe('2026-03-09T14:00:00.000Z');
  });
});

describe('holiday schedule coverage', () => {
  const cal = BusinessCalendar.compile(shanghai, [CN_2026]);

  it('should name the years a stretch runs into without a holiday schedule of the calendar region', () => {
    expect(cal.yearsWithoutSchedule(at('2026-12-30T02:00:00Z'), at('2026-12-31T09:00:00Z'))).toEqual([]);
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: local years count.
    expect(cal.yearsWithoutSchedule(at('2026-12-30T02:00:00Z'), at('2026-12-31T16:30:00Z'))).toEqual([2027]);
    expect(cal.yearsWithoutSchedule(at('2025-12-30T02:00:00Z'), at('2027-01-05T02:00:00Z'))).toEqual([
      2025, 2027,
    ]);
  });

  it('should report nothing for a 24x7 calendar or one without a holiday region', () => {
    const roundTheClock = BusinessCalendar.compile({
      ...shanghai,
      id: '24x7',
      mode: '24x7',
      weeklyHours: {},
    });
    const noRegion = BusinessCalendar.compile({ ...shanghai, holidayRegion: null });
    for (const c of [roundTheClock, noRegion])
      expect(c.yearsWithoutSchedule(at('2026-12-30T02:00:00Z'), at('2028-01-05T02:00:00Z'))).toEqual([]);
  });
});

describe(holidayScheduleIssues.name, () => {
  it('should accept the shipped 2026 schedule', () => {
    expect(holidayScheduleIssues(CN_2026)).toEqual([]);
  });

  it('should name every problem of a malformed schedule', () => {
    const issues = holidayScheduleIssues({
      region: 'china',
      year: 2027,
      holidays: ['2027-02-30', '2026-10-01', '2027-10-01'],
      workdays: ['2027-10-01'],
      source: ' ',
    });
    expect(issues).toEqual([
      expect.stringMatching(/^region:/),
      'holidays: "2027-02-30" is not a YYYY-MM-DD date',
      'holidays: 2026-10-01 is not in 2027',
      'workdays: 2027-10-01 also listed as holidays',
      expect.stringMatching(/^source:/),
    ]);
    expect(holidayScheduleIssues({ region: 'CN', year: 27, holidays: 'x', workdays: [] } as never)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^year:/), expect.stringMatching(/^holidays:/)]),
    );
  });
});
