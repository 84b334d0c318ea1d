import { localDateHour, utcDate, utcDateOfInstant } from './local-time';

describe(localDateHour.name, () => {
  it('should place an instant on the merchant-local calendar when the zone is east of UTC', () => {
    expect(localDateHour(Date.parse('2026-03-01T17:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-02',
      hour: 1,
    });
  });

  it('should follow a daylight-saving change when the zone has one', () => {
    // New York switches to UTC-4 on 2026-03-08 at 07:00 UTC.
    expect(localDateHour(Date.parse('2026-03-08T06:30:00Z'), 'America/New_York')).toEqual({
      date: '2026-03-08',
      hour: 1,
    });
    expect(localDateHour(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({
      date: '2026-03-08',
      hour: 3,
    });
  });
});

describe(utcDateOfInstant.name, () => {
  it('should take the date prefix when the instant is in UTC', () => {
    expect(utcDateOfInstant('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
  });

  it('should convert to UTC when the instant carries an offset', () => {
    expect(utcDateOfInstant('2026-03-02T01:00:00+08:00')).toBe('2026-03-01');
    expect(utcDateOfInstant('2026-03-01T20:00:00-05:00')).toBe(utcDate(Date.parse('2026-03-02T01:00:00Z')));
  });
});
