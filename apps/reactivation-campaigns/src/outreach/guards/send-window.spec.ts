import { allowedHours, localHourOf, nextSendInstant, peakHours, quietHoursEnd } from './send-window';

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

describe('quiet hours', () => {
  const everyHour = new Array(24).fill(1);
  const tz = 'Asia/Shanghai';

  it('should leave an instant outside the quiet hours alone and end a wrapped quiet period at its local end', () => {
    const night = { start: '21:00', end: '08:00' };
    const noon = new Date('2026-03-02T04:00:00Z'); // 12:00 local
    expect(quietHoursEnd(noon, tz, night)).toEqual(noon);
    expect(quietHoursEnd(new Date('2026-03-02T14:15:30Z'), tz, night)).toEqual(
      new Date('2026-03-03T00:00:00Z'), // 22:15:30 → 08:00 next morning
    );
    expect(quietHoursEnd(noon, tz, { start: 'noon', end: '13:00' })).toEqual(noon);
  });

  it('should hold a send in the merchant own quiet hours inside business hours until they end, in its timezone', () => {
    const lunchNap = { start: '12:00', end: '14:30' };
    const at = new Date('2026-03-02T04:10:00Z'); // 12:10 Shanghai
    expect(nextSendInstant(at, tz, everyHour, policy)).toEqual(at);
    expect(nextSendInstant(at, tz, everyHour, policy, lunchNap)).toEqual(new Date('2026-03-02T06:30:00Z'));
    // The same UTC instant is 09:40 in Kolkata: outside that quiet period, sent at once.
    const kolkata = new Date('2026-03-02T04:10:00Z');
    expect(nextSendInstant(kolkata, 'Asia/Kolkata', everyHour, policy, lunchNap)).toEqual(kolkata);
  });

  it('should move past quiet hours that run into the end of business hours to the next business morning', () => {
    const evening = { start: '18:00', end: '07:00' };
    const at = new Date('2026-03-02T10:30:00Z'); // 18:30 local
    expect(nextSendInstant(at, tz, everyHour, policy, evening)).toEqual(new Date('2026-03-03T01:00:00Z'));
  });
});
