import { aggregateActivity } from './activity-windows';
import { addDays, DailyActivity, lastCompleteLocalDate } from './daily-activity';

const day = (date: string, approvedCount: number, extra: Partial<DailyActivity> = {}): DailyActivity => ({
  date,
  approvedCount,
  declinedCount: 0,
  approvedAmountMinor: approvedCount * 100,
  feeMinor: approvedCount,
  cardReadFailureCount: 0,
  ...extra,
});

describe(aggregateActivity.name, () => {
  it('should put each day in the windows ending on asOf inclusive and ignore later days', () => {
    const asOf = '2026-03-31';
    const days = [
      day(asOf, 1),
      day(addDays(asOf, -6), 2),
      day(addDays(asOf, -7), 4),
      day(addDays(asOf, -27), 8),
      day(addDays(asOf, -28), 16),
      day(addDays(asOf, -83), 32),
      day(addDays(asOf, -84), 64),
      day(addDays(asOf, 1), 1000),
    ];
    const w = aggregateActivity(days, asOf, 30);
    expect(w.d7.approvedCount).toBe(3);
    expect(w.d28.approvedCount).toBe(15);
    expect(w.baseline.approvedCount).toBe(48);
    expect(w.d90.approvedCount).toBe(127);
    expect(w.activeDays).toBe(7);
    expect(w.firstActiveDate).toBe(addDays(asOf, -84));
    expect(w.lastActiveDate).toBe(asOf);
  });

  it('should not count days without approved purchases as active when only declines happened', () => {
    const w = aggregateActivity(
      [day('2026-03-01', 0, { declinedCount: 5 }), day('2026-03-02', 2)],
      '2026-03-05',
      30,
    );
    expect(w.activeDays).toBe(1);
    expect(w.firstActiveDate).toBe('2026-03-02');
    expect(w.d7.declinedCount).toBe(5);
    expect(w.d7.activeDays).toBe(1);
  });

  it('should date the latest resumption after a silence of at least dormantAfterDays when activity restarts', () => {
    const asOf = '2026-06-30';
    const active = [-120, -100, -69, -40, -9, -8, 1].map((offset) => day(addDays(asOf, offset), 3));
    // Silences: 19 days (-100), 30 (-69), 28 (-40), 30 (-9); the day after asOf is ignored.
    const w = aggregateActivity([...active].reverse(), asOf, 30);
    expect(w.resumedAfterDormancyOn).toBe(addDays(asOf, -9));
    expect(aggregateActivity(active, addDays(asOf, -10), 30).resumedAfterDormancyOn).toBe(addDays(asOf, -69));
    expect(aggregateActivity(active, asOf, 31).resumedAfterDormancyOn).toBeNull();
  });

  it('should not treat the first active day or declines-only days as a resumption when nothing ended a silence', () => {
    const asOf = '2026-06-30';
    const w = aggregateActivity(
      [day(addDays(asOf, -60), 0, { declinedCount: 3 }), day(addDays(asOf, -5), 2), day(asOf, 1)],
      asOf,
      30,
    );
    expect(w.resumedAfterDormancyOn).toBeNull();
  });
});

describe(lastCompleteLocalDate.name, () => {
  it('should return the previous local day in the merchant timezone when UTC is still on the day before', () => {
    expect(lastCompleteLocalDate(new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(lastCompleteLocalDate(new Date('2026-03-01T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-02-28');
  });
});
