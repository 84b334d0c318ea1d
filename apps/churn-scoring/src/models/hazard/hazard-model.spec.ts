import { seededRandom } from '@merchant-pulse/bgnbd';
import { addDays, DailyActivity } from '../../activity/daily-activity';
import { HAZARD_FEATURES, hazardFeatures } from './hazard-features';
import { predictHazard } from './hazard-model';
import { hazardReasons } from './hazard-reasons';
import { trainHazardModel } from './hazard-training';

const START = '2026-01-01';
const DAYS = 300;

/** 400 merchants: steady daily traders, and a third that decline over 3 weeks then stop. */
function world(seed: number): Map<string, DailyActivity[]> {
  const random = seededRandom(seed);
  const activity = new Map<string, DailyActivity[]>();
  for (let m = 0; m < 400; m++) {
    const stop = random() < 0.35 ? 60 + Math.floor(random() * (DAYS - 60)) : Infinity;
    const rate = 3 + random() * 20;
    const rows: DailyActivity[] = [];
    for (let d = 0; d < DAYS && d < stop; d++) {
      const decline = stop - d <= 21 ? (stop - d) / 21 : 1;
      const count = Math.round(rate * decline * (0.7 + 0.6 * random()));
      if (count > 0)
        rows.push({
          date: addDays(START, d),
          approvedCount: count,
          declinedCount: 0,
          approvedAmountMinor: count * 3000,
          feeMinor: 0,
          cardReadFailureCount: 0,
        });
    }
    activity.set(`M${m}`, rows);
  }
  return activity;
}

describe('hazard model', () => {
  const activity = world(5);
  const asOfDate = addDays(START, 240);
  const model = trainHazardModel({ activity, asOfDate });

  it('should train on data up to the as-of date only, with labels observed by then and a held-out calibration period', () => {
    expect(model.version).toBe(`hazard-${asOfDate}-v1+${model.population!.kind}`);
    expect(model.population!.reason).toMatch(/preferred|prior/);
    expect(model.features).toEqual(HAZARD_FEATURES);
    expect(model.training.asOfDates.at(-1)! < model.training.calibrationAsOfDates[0]).toBe(true);
    // Labels need horizon + 30 quiet days observed: the last as-of date is asOf − 60.
    expect(model.training.calibrationAsOfDates.at(-1)).toBe(addDays(asOfDate, -60));
    expect(model.training.positives).toBeGreaterThan(20);
    expect(model.platt.a).toBeGreaterThan(0);
  });

  it("should learn that a falling volume against the merchant's own baseline raises the hazard", () => {
    const j = HAZARD_FEATURES.indexOf('count14Trend');
    const k = HAZARD_FEATURES.indexOf('amount14Trend');
    expect(model.coefficients[j] + model.coefficients[k]).toBeLessThan(0);
  });

  it('should give a declining merchant a higher pDormant30d than a steady one, with the decline as its reason', () => {
    const steady = [...activity].find(([, rows]) => rows.length === DAYS)![1];
    const declining = steady.map((d, i) =>
      i >= 226
        ? {
            ...d,
            approvedCount: Math.round(d.approvedCount * 0.3),
            approvedAmountMinor: Math.round(d.approvedAmountMinor * 0.3),
          }
        : d,
    );
    const at = addDays(START, 240);
    const fSteady = hazardFeatures(steady, at)!;
    const fDeclining = hazardFeatures(declining, at)!;
    const pSteady = predictHazard(model, fSteady);
    const pDeclining = predictHazard(model, fDeclining);
    expect(pDeclining.pDormant30d).toBeGreaterThan(2 * pSteady.pDormant30d);
    const reasons = hazardReasons(pDeclining.drivers, fDeclining.evidence);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0].contribution).toBeGreaterThan(0);
    expect(reasons.map((r) => r.message).join(' | ')).toMatch(/last (7|14|28) days −\d+%/);
  });

  it('should refuse to train on a history too short for its rolling as-of dates', () => {
    expect(() => trainHazardModel({ activity, asOfDate: addDays(START, 100) })).toThrow(/weekly as-of dates/);
  });
});
