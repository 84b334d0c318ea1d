import { localHourOf, parseLocalDate, simDay } from './sim-calendar';

describe(simDay.name, () => {
  it('should start a local day at 16:00 UTC the day before when the timezone is China time', () => {
    const day = simDay('2026-09-01', 0);
    expect(new Date(day.startMs).toISOString()).toBe('2026-08-31T16:00:00.000Z');
    expect(day).toMatchObject({ date: '2026-09-01', compactDate: '20260901', isoWeekday: 1 });
    expect(localHourOf(day.startMs + 12.5 * 3_600_000)).toBe(12);
  });

  it('should roll over months and weekdays when offsetting days', () => {
    expect(simDay('2026-09-01', 30)).toMatchObject({ date: '2026-10-01', isoWeekday: 3 });
    expect(simDay('2026-09-01', 5).isoWeekday).toBe(6);
  });

  it('should refuse a date that does not exist', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(/no such date/);
    expect(() => parseLocalDate('2026-9-1')).toThrow(/YYYY-MM-DD/);
  });
});
