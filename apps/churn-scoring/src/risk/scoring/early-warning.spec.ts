import { addDays, DailyActivity } from '../../activity/daily-activity';
import { HAZARD_FEATURES } from '../../models/hazard/hazard-features';
import { HazardModel } from '../../models/hazard/hazard-model';
import { closureAt, earlyWarningOf } from './early-warning';

const START = '2026-03-02';

function steady(n: number, scale: (i: number) => number = () => 1): DailyActivity[] {
  return Array.from({ length: n }, (_, i) => {
    const c = Math.max(0, Math.round(20 * scale(i)));
    return {
      date: addDays(START, i),
      approvedCount: c,
      declinedCount: 0,
      approvedAmountMinor: c * 5000,
      feeMinor: 0,
      cardReadFailureCount: 0,
    };
  }).filter((d) => d.approvedCount > 0);
}

/** Reads only the 14-day volume trend and the pending fee increase. */
const model: HazardModel = {
  version: 'hazard-2026-06-01.1+bgbb',
  kind: 'logistic-hazard',
  features: HAZARD_FEATURES,
  means: HAZARD_FEATURES.map(() => 0),
  sds: HAZARD_FEATURES.map(() => 1),
  intercept: -3,
  coefficients: HAZARD_FEATURES.map((f) =>
    f === 'amount14Trend' ? -3 : f === 'feeIncreasePendingBps' ? 0.2 : 0,
  ),
  platt: { a: 1, b: 0 },
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

describe(closureAt.name, () => {
  const closures = [{ startsOn: '2026-06-10', endsOn: '2026-06-20', reason: 'renovation' }];

  it('should cover the closure from its first day to three days after its end', () => {
    expect(closureAt(closures, '2026-06-09')).toBeNull();
    expect(closureAt(closures, '2026-06-10')).toEqual(closures[0]);
    expect(closureAt(closures, '2026-06-23')).toEqual(closures[0]);
    expect(closureAt(closures, '2026-06-24')).toBeNull();
  });
});

describe(earlyWarningOf.name, () => {
  const asOf = addDays(START, 99);

  it('should flag a halving merchant at risk with the volume drop in words as its first reason', () => {
    const w = earlyWarningOf({
      model,
      days: steady(100, (i) => (i >= 86 ? 0.4 : 1)),
      asOfDate: asOf,
      population: null,
      context: { closures: [] },
      summary: null,
    })!;
    expect(w.pDormant30d).toBeGreaterThan(0.3);
    expect(w.atRisk).toBe(true);
    expect(w.modelVersion).toBe(model.version);
    expect(w.reasons[0].code).toBe('ew_amount_14_trend');
    expect(w.reasons[0].message).toMatch(/approved volume last 14 days −6\d% vs the same weekdays before/);
    expect(w.reasons[0].evidence.contribution).toBeGreaterThan(0);
  });

  it('should say when a fee increase takes effect', () => {
    const w = earlyWarningOf({
      model,
      days: steady(100),
      asOfDate: asOf,
      population: null,
      context: {
        closures: [],
        feeIncreases: [
          { announcedOn: addDays(asOf, -10), effectiveFrom: addDays(asOf, 6), fromBps: 60, toBps: 65 },
        ],
      },
      summary: null,
    })!;
    expect(w.reasons.map((r) => r.message)).toContain(
      'fee increase from 0.60% to 0.65% takes effect in 6 days',
    );
  });

  it('should not flag a merchant inside a declared closure, and say why', () => {
    const w = earlyWarningOf({
      model,
      days: steady(100, (i) => (i >= 86 ? 0.4 : 1)),
      asOfDate: asOf,
      population: null,
      context: {
        closures: [{ startsOn: addDays(asOf, -2), endsOn: addDays(asOf, 7), reason: 'renovation' }],
      },
      summary: null,
    })!;
    expect(w.pDormant30d).toBeGreaterThan(0.3);
    expect(w.atRisk).toBe(false);
    expect(w.reasons[0].code).toBe('declared_closure');
  });
});
