import { HAZARD_FEATURES, HazardFeatureName } from './hazard-features';
import { HazardModel } from './hazard-model';
import { decidePromotion, evaluateHazard, HoldoutMetrics, HoldoutRow } from './hazard-promotion';

const metrics = (auc: number, logLoss: number): HoldoutMetrics => ({
  rows: 100,
  positives: 10,
  auc,
  logLoss,
  ece: 0.02,
  brier: 0.08,
});

/** A model whose only non-zero coefficient is on `feature` (standardised with mean 0, sd 1). */
function modelOn(feature: HazardFeatureName, coefficient: number): HazardModel {
  return {
    version: 'hazard-2026-01-01-v1+bgnbd',
    kind: 'logistic-hazard',
    features: HAZARD_FEATURES,
    means: HAZARD_FEATURES.map(() => 0),
    sds: HAZARD_FEATURES.map(() => 1),
    intercept: -2,
    coefficients: HAZARD_FEATURES.map((f) => (f === feature ? coefficient : 0)),
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
}

const row = (trend: number, y: boolean): HoldoutRow => ({
  values: Object.fromEntries(
    HAZARD_FEATURES.map((f) => [f, f === 'amount14Trend' ? trend : 0]),
  ) as HoldoutRow['values'],
  y,
});

describe(decidePromotion.name, () => {
  it('should promote the first model when there is no current one', () => {
    expect(decidePromotion(metrics(0.6, 0.3), null)).toEqual({
      promote: true,
      reason: 'no current hazard model',
    });
  });

  it('should promote a candidate whose held-out AUC beats the current one', () => {
    const d = decidePromotion(metrics(0.74, 0.3), metrics(0.7, 0.25));
    expect(d.promote).toBe(true);
    expect(d.reason).toContain('0.74 > 0.7');
  });

  it('should keep the current model when the candidate ranks worse even with a lower log loss', () => {
    expect(decidePromotion(metrics(0.68, 0.2), metrics(0.7, 0.3)).promote).toBe(false);
  });

  it('should let log loss decide when the AUCs tie', () => {
    expect(decidePromotion(metrics(0.701, 0.2), metrics(0.7, 0.3)).promote).toBe(true);
    expect(decidePromotion(metrics(0.701, 0.31), metrics(0.7, 0.3)).promote).toBe(false);
  });

  it('should decide nothing when the held-out period lacks a class (AUC NaN)', () => {
    const d = decidePromotion(metrics(NaN, 0.1), metrics(0.7, 0.3));
    expect(d.promote).toBe(false);
    expect(d.reason).toContain('nothing to compare');
  });
});

describe(evaluateHazard.name, () => {
  const rows = [
    row(-2, true),
    row(-1.5, true),
    row(0, false),
    row(0.2, false),
    row(0.1, false),
    row(-0.1, false),
  ];

  it('should rank a model that reads the volume drop the right way above one that reads it backwards', () => {
    const right = evaluateHazard(modelOn('amount14Trend', -2), rows);
    const wrong = evaluateHazard(modelOn('amount14Trend', 2), rows);
    expect(right.auc).toBe(1);
    expect(wrong.auc).toBe(0);
    expect(right.logLoss).toBeLessThan(wrong.logLoss);
    expect(right).toMatchObject({ rows: 6, positives: 2 });
    expect(decidePromotion(right, wrong).promote).toBe(true);
    expect(decidePromotion(wrong, right).promote).toBe(false);
  });
});
