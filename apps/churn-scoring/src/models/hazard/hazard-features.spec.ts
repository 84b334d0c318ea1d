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

describe('hazard context features', () => {
  const asOf = addDays(START, 119);

  it('should find the failing terminal from per-terminal counts, with its rate and the first day of its episode', () => {
    const days = shop(120, 10).map((d, i) => ({
      ...d,
      terminals: [
        {
          terminalId: 'T-1',
          cardAttempts: 10,
          failures: dayNumberOf(d.date) >= dayNumberOf(addDays(START, 110)) ? 4 : 0,
        },
        { terminalId: 'T-2', cardAttempts: 10, failures: i % 50 === 0 ? 1 : 0 },
      ],
    }));
    const f = hazardFeatures(days, asOf)!;
    expect(f.values.terminalFailureRate7).toBeCloseTo(0.4, 5);
    expect(f.evidence.worstTerminal).toEqual({
      terminalId: 'T-1',
      failureRate: 0.4,
      since: addDays(START, 110),
    });
    expect(f.values.terminalEpisodeDays).toBeCloseTo(Math.log1p(10), 5);
  });

  it('should read a fee increase as pending before its effective date and in force after it, only once announced', () => {
    const ctx = {
      feeIncreases: [
        { announcedOn: addDays(asOf, -5), effectiveFrom: addDays(asOf, 6), fromBps: 60, toBps: 70 },
      ],
    };
    const now = hazardFeatures(shop(120, 10), asOf, null, ctx)!;
    expect(now.values.feeIncreasePendingBps).toBe(10);
    expect(now.values.feeIncreaseInForceBps).toBe(0);
    expect(now.evidence.feeIncrease).toMatchObject({ daysToEffective: 6, fromBps: 60, toBps: 70 });
    const before = hazardFeatures(shop(120, 10), addDays(asOf, -6), null, ctx)!;
    expect(before.values.feeIncreasePendingBps).toBe(0);
    const after = hazardFeatures(shop(130, 10), addDays(asOf, 8), null, ctx)!;
    expect(after.values.feeIncreaseInForceBps).toBe(10);
  });

  it('should count the pauses a merchant came back from, and compare the current silence with the longest', () => {
    const breaker = shop(120, 10, (i) => (i >= 60 && i < 66 ? 0 : i >= 116 ? 0 : 1));
    const f = hazardFeatures(breaker, asOf)!;
    expect(f.evidence.longestResumedBreakDays).toBeGreaterThanOrEqual(6);
    expect(f.values.pastBreaksResumed).toBeGreaterThan(0);
    // Silent 4 days now, shorter than its earlier 6+ day pause.
    expect(f.values.recencyVsLongestBreak).toBeLessThan(0);
  });

  it('should count open tickets and the age of the oldest at the as-of date only', () => {
    const ctx = {
      tickets: [
        { openedOn: addDays(asOf, -20), closedOn: null },
        { openedOn: addDays(asOf, -3), closedOn: addDays(asOf, -1) },
        { openedOn: addDays(asOf, 2) },
      ],
    };
    const f = hazardFeatures(shop(120, 10), asOf, null, ctx)!;
    expect(f.values.openTickets).toBe(1);
    expect(f.evidence.oldestOpenTicketDays).toBe(20);
  });

  it('should mark the Spring Festival season and count public holidays around the date', () => {
    const sf = hazardFeatures(shop(60, 10), '2026-02-20')!;
    expect(sf.values.springFestivalSeason).toBe(1);
    expect(sf.values.publicHolidaysAround).toBeGreaterThan(3);
    const ordinary = hazardFeatures(shop(120, 10), asOf)!;
    expect(ordinary.values.springFestivalSeason).toBe(0);
  });
});

function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}
