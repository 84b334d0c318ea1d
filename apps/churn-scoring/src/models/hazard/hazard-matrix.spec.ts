import { seededRandom } from '@merchant-pulse/bgnbd';
import { aggregateActivity } from '../../activity/activity-windows';
import { addDays, DailyActivity } from '../../activity/daily-activity';
import { RecentActivityMatrix, windowsOfRow } from '../../activity/recent-activity.matrix';
import { ClosureWindow, earlyWarningOf, earlyWarningsOfMatrix } from '../../risk/scoring/early-warning';
import { HAZARD_FEATURES, HAZARD_LOOKBACK_DAYS, HazardContext, PopulationParams } from './hazard-features';
import { HazardModel } from './hazard-model';

const AS_OF = '2026-02-10'; // inside the Spring Festival season, so the calendar features are not all 0

type Context = HazardContext & { closures: ClosureWindow[] };

/** A merchant's whole history: 40–400 days, random rhythm, breaks, declines, stops, declined-only days. */
function randomHistory(random: () => number): DailyActivity[] {
  const length = 40 + Math.floor(random() * 360);
  const pActive = 0.1 + random() * 0.9;
  const stopAge = random() < 0.3 ? Math.floor(random() * 200) : -1;
  const breakStart = Math.floor(random() * length);
  const breakDays = random() < 0.5 ? 3 + Math.floor(random() * 30) : 0;
  const rows: DailyActivity[] = [];
  for (let age = length - 1; age >= 0; age--) {
    if (age <= stopAge) break;
    if (age < breakStart && age >= breakStart - breakDays) continue;
    if (random() > pActive) continue;
    const approved = random() < 0.05 ? 0 : 1 + Math.floor(random() * 40);
    rows.push({
      date: addDays(AS_OF, -age),
      approvedCount: approved,
      declinedCount: Math.floor(random() * 3),
      approvedAmountMinor: approved * (500 + Math.floor(random() * 20_000)),
      feeMinor: Math.floor(random() * 900),
      cardReadFailureCount: random() < 0.2 ? Math.floor(random() * 10) : 0,
    });
  }
  // A day after the as-of date the scoring must ignore.
  if (random() < 0.2)
    rows.push({
      date: addDays(AS_OF, 1),
      approvedCount: 9,
      declinedCount: 0,
      approvedAmountMinor: 9000,
      feeMinor: 10,
      cardReadFailureCount: 0,
    });
  return rows;
}

function randomContext(random: () => number): Context | null {
  if (random() < 0.5) return null;
  const day = (spread: number) => addDays(AS_OF, Math.floor(random() * spread) - spread + 20);
  return {
    closures: random() < 0.2 ? [{ startsOn: day(30), endsOn: addDays(AS_OF, 2), reason: 'renovation' }] : [],
    feeIncreases:
      random() < 0.5 ? [{ announcedOn: day(60), effectiveFrom: day(60), fromBps: 60, toBps: 65 }] : [],
    tickets: random() < 0.5 ? [{ openedOn: day(40), closedOn: random() < 0.5 ? day(20) : null }] : [],
    terminalEpisodes:
      random() < 0.5 ? [{ terminalId: 'T-1', since: day(30), until: random() < 0.3 ? day(10) : null }] : [],
  };
}

function randomModel(random: () => number, features: readonly string[]): HazardModel {
  const gauss = () => (random() + random() + random() - 1.5) * 2;
  return {
    version: 'hazard-test-v1+bgbb',
    kind: 'logistic-hazard',
    features: features as HazardModel['features'],
    means: features.map(() => gauss()),
    sds: features.map(() => 0.2 + random() * 2),
    intercept: gauss(),
    coefficients: features.map(() => gauss()),
    platt: { a: 0.5 + random(), b: gauss() },
    lambda: 1,
    horizonDays: 30,
    training: {
      asOfDates: [],
      calibrationAsOfDates: [],
      rows: 0,
      positives: 0,
      calibrationRows: 0,
      calibrationPositives: 0,
    },
  };
}

/** The whole history's first active day and count, as the rescoring query reports them. */
function summaryOf(days: readonly DailyActivity[]): { firstActiveDate: string; activeDays: number } | null {
  const active = days.filter((d) => d.approvedCount > 0 && d.date <= AS_OF).map((d) => d.date);
  if (active.length === 0) return null;
  return { firstActiveDate: active.sort()[0], activeDays: active.length };
}

describe('hazard model on flat arrays (rescoring hot path)', () => {
  const populations: Array<PopulationParams | null> = [
    null,
    { r: 0.8, alpha: 4.2, a: 0.3, b: 2.5 },
    { bgbb: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 } },
  ];

  it.each([1, 2, 3])(
    'gives the same pDormant30d and reasons as the per-merchant path on random merchants (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const ids = Array.from({ length: 300 }, (_, i) => `M${String(i).padStart(4, '0')}`);
      const history = new Map(ids.map((id) => [id, randomHistory(random)]));
      const contexts = new Map<string, Context>();
      for (const id of ids) {
        const c = randomContext(random);
        if (c) contexts.set(id, c);
      }
      // The full feature list, and a stored older version knowing only some features in another order.
      const subset = HAZARD_FEATURES.filter(() => random() < 0.6).reverse();
      for (const model of [randomModel(random, HAZARD_FEATURES), randomModel(random, subset)]) {
        const population = populations[seed % populations.length];
        // What rescoring loads: the lookback days, plus the whole history's summary.
        const lookbackStart = addDays(AS_OF, -(HAZARD_LOOKBACK_DAYS - 1));
        const recentDays = new Map(
          ids.map((id) => [id, history.get(id)!.filter((d) => d.date >= lookbackStart && d.date <= AS_OF)]),
        );
        const summaries = new Map(
          ids.flatMap((id) => {
            const s = summaryOf(history.get(id)!);
            return s ? [[id, s] as const] : [];
          }),
        );
        const matrix = RecentActivityMatrix.fromDays(ids, recentDays, AS_OF, HAZARD_LOOKBACK_DAYS, summaries);
        const fast = earlyWarningsOfMatrix({ model, activity: matrix, population, contexts });
        let warned = 0;
        let flagged = 0;
        for (const id of ids) {
          const expected = earlyWarningOf({
            model,
            days: recentDays.get(id)!,
            asOfDate: AS_OF,
            population,
            context: contexts.get(id) ?? { closures: [] },
            summary: summaries.get(id) ?? null,
          });
          expect(fast.get(id) ?? null).toEqual(expected);
          if (expected) warned += 1;
          if (expected?.atRisk) flagged += 1;
        }
        // The comparison covered merchants with and without warnings, flagged or not.
        expect(warned).toBeGreaterThan(100);
        expect(warned).toBeLessThan(ids.length);
        expect(flagged).toBeGreaterThan(0);
        expect(flagged).toBeLessThan(warned);
      }
    },
  );

  it('sums the windows as aggregateActivity does', () => {
    const random = seededRandom(9);
    const ids = Array.from({ length: 100 }, (_, i) => `W${i}`);
    const history = new Map(ids.map((id) => [id, randomHistory(random)]));
    const matrix = RecentActivityMatrix.fromDays(ids, history, AS_OF, HAZARD_LOOKBACK_DAYS);
    ids.forEach((id, row) => {
      const expected = aggregateActivity(history.get(id)!, AS_OF, 30);
      const { d7, d28, d90, baseline } = windowsOfRow(matrix, row, expected);
      expect({ d7, d28, d90, baseline }).toEqual({
        d7: expected.d7,
        d28: expected.d28,
        d90: expected.d90,
        baseline: expected.baseline,
      });
    });
  });

  it('parses packed rows into the same arrays as the days they pack', () => {
    const days = new Map([['P1', randomHistory(seededRandom(4))]]);
    const fromDays = RecentActivityMatrix.fromDays(['P1'], days, AS_OF, HAZARD_LOOKBACK_DAYS);
    const packed = RecentActivityMatrix.fromDays(['P1'], new Map(), AS_OF, HAZARD_LOOKBACK_DAYS);
    packed.setPacked(
      0,
      days
        .get('P1')!
        .filter((d) => d.date <= AS_OF)
        .map((d) =>
          [
            Math.round((Date.parse(AS_OF) - Date.parse(d.date)) / 86_400_000),
            d.approvedCount,
            d.declinedCount,
            d.approvedAmountMinor,
            d.feeMinor,
            d.cardReadFailureCount,
          ].join(','),
        )
        .join(';'),
    );
    expect(packed.approved.some((v) => v > 0)).toBe(true);
    for (const column of ['approved', 'declined', 'amount', 'fee', 'failures'] as const)
      expect(Array.from(packed[column])).toEqual(Array.from(fromDays[column]));
  });
});
