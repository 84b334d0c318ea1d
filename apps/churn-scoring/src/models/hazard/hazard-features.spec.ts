import { addDays, DailyActivity } from '../../activity/daily-activity';
import { hazardFeatures } from './hazard-features';

const START = '2026-01-05'; // a Monday

/** A shop closed on Mondays with `count` sales a day otherwise, from START for `n` days; `scale(i)` multiplies day i. */
function shop(n: number, count: number, scale: (i: number) => number = () => 1): DailyActivity[] {
  const out: DailyActivity[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 7 === 0 ? 0 : Math.round(count * scale(i));
    if (c > 0)
      out.push({
        date: addDays(START, i),
        approvedCount: c,
        declinedCount: 0,
        approvedAmountMinor: c * 5000,
        feeMinor: 0,
        cardReadFailureCount: 0,
      });
  }
  return out;
}

describe(hazardFeatures.name, () => {
  it('should read a steady shop closed on Mondays as flat trends and not silent on a Monday', () => {
    const asOf = addDays(START, 119); // day 119 is a Monday: closed
    const f = hazardFeatures(shop(120, 10), asOf)!;
    expect(f.values.count7Trend).toBeCloseTo(0, 1);
    expect(f.values.amount28Trend).toBeCloseTo(0, 1);
    expect(f.evidence.typicalGapDays).toBe(2);
    // One quiet day against a usual gap of two: below zero.
    expect(f.values.recencyVsTypicalGap).toBeLessThan(0);
    expect(f.values.noBaseline).toBe(0);
  });

  it('should measure a halving of volume over the last 14 days against the same weekdays before', () => {
    const f = hazardFeatures(
      shop(120, 10, (i) => (i >= 106 ? 0.5 : 1)),
      addDays(START, 119),
    )!;
    expect(Math.exp(f.values.count14Trend)).toBeCloseTo(0.5, 1);
    expect(f.evidence.recentAmountMinor[14] / f.evidence.expectedAmountMinor[14]).toBeCloseTo(0.5, 1);
    expect(f.values.count28Trend).toBeGreaterThan(f.values.count14Trend);
  });

  it('should ignore days after the as-of date and flag a merchant too new for a baseline', () => {
    const days = shop(30, 10);
    expect(hazardFeatures(days, addDays(START, -1))).toBeNull();
    const f = hazardFeatures(days, addDays(START, 20))!;
    expect(f.values.noBaseline).toBe(1);
    expect(f.values.count7Trend).toBe(0);
    expect(f.evidence.daysSinceLast).toBe(0);
  });

  it('should take 1 − P(alive) from the population model when given one, and leave it 0 without', () => {
    const days = shop(60, 10);
    const later = addDays(START, 75); // 16 days after the last sale of a shop that trades six days a week
    const population = { r: 2, alpha: 3, a: 0.5, b: 5 };
    expect(hazardFeatures(days, later)!.values.populationDeath).toBe(0);
    const quiet = hazardFeatures(days, later, population)!.values.populationDeath;
    const trading = hazardFeatures(days, addDays(START, 59), population)!.values.populationDeath;
    expect(quiet).toBeGreaterThan(trading);
    expect(quiet).toBeGreaterThan(0.5);
  });
});
