import { allowedHours, localHourOf, nextSendInstant, peakHours } from './send-window';

const policy = { startHour: 9, endHour: 20, peakHourShare: 0.12 };
/** A restaurant: lunch (11–13) and dinner (17–19) peaks. */
const restaurant = Array.from({ length: 24 }, (_, h) =>
  [11, 12, 17, 18].includes(h) ? 100 : h >= 9 && h < 21 ? 10 : 0,
);

describe('send window', () => {
  it('should read the local hour in the merchant timezone when given a UTC instant', () => {
    expect(localHourOf(new Date('2026-04-15T02:30:00Z'), 'Asia/Shanghai')).toEqual({
      hour: 10,
      msIntoHour: 1_800_000,
    });
    expect(localHourOf(new Date('2026-04-15T02:30:00Z'), 'Asia/Kolkata').hour).toBe(8);
  });

  it('should find the peak hours of the merchant own histogram when they hold the configured share', () => {
    expect([...peakHours(restaurant, 0.12)].sort((a, b) => a - b)).toEqual([11, 12, 17, 18]);
    expect(peakHours(new Array(24).fill(0), 0.12).size).toBe(0);
  });

  it('should allow business hours minus peaks when the merchant has peaks', () => {
    expect([...allowedHours(restaurant, policy)]).toEqual([9, 10, 13, 14, 15, 16, 19]);
  });

  it('should fall back to business hours when every business hour is a peak', () => {
    const busy = Array.from({ length: 24 }, (_, h) => (h === 10 ? 100 : 0));
    expect([...allowedHours(busy, { startHour: 10, endHour: 11, peakHourShare: 0.12 })]).toEqual([10]);
  });

  it('should return now when now is inside the window', () => {
    const now = new Date('2026-04-15T02:15:00Z'); // 10:15 Shanghai
    expect(nextSendInstant(now, 'Asia/Shanghai', restaurant, policy)).toEqual(now);
  });

  it('should hold until the end of the peak when now is a peak hour', () => {
    const now = new Date('2026-04-15T03:20:00Z'); // 11:20 Shanghai, lunch peak
    expect(nextSendInstant(now, 'Asia/Shanghai', restaurant, policy).toISOString()).toBe(
      '2026-04-15T05:00:00.000Z',
    );
  });

  it('should hold until next morning when now is after business hours', () => {
    const now = new Date('2026-04-15T13:05:00Z'); // 21:05 Shanghai
    expect(nextSendInstant(now, 'Asia/Shanghai', [], policy).toISOString()).toBe('2026-04-16T01:00:00.000Z');
  });

  it('should use local hour starts when the timezone has a half-hour offset', () => {
    const now = new Date('2026-04-15T00:00:00Z'); // 05:30 Kolkata
    expect(nextSendInstant(now, 'Asia/Kolkata', [], policy).toISOString()).toBe('2026-04-15T03:30:00.000Z');
  });
});
