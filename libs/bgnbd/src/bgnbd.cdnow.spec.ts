// Reproduces every BG/NBD figure listed in libs/bgnbd/test-data/README.md, within its stated tolerance.
// The data stay outside the repository; see testing/cdnow-data.fixture.ts (fails, never skips).
import { fitBgNbd } from './bgnbd.fit';
import { totalLogLikelihood } from './bgnbd.likelihood';
import {
  conditionalExpectedTransactions,
  expectedTransactions,
  probabilityAlive,
  probabilityOfPurchases,
} from './bgnbd.predictions';
import { BgNbdParams } from './bgnbd.types';
import { loadCdnowSampleSummary, loadCdnowSummary } from './testing/cdnow-data.fixture';

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const REFIT: BgNbdParams = { r: 0.242595, alpha: 4.413602, a: 0.792922, b: 2.425907 };
const CUSTOMER_1 = { x: 2, tx: 30.43, T: 38.86 };

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function correlation(u: number[], v: number[]): number {
  const [mu, mv] = [sum(u) / u.length, sum(v) / v.length];
  let [suv, suu, svv] = [0, 0, 0];
  u.forEach((ui, i) => {
    suv += (ui - mu) * (v[i] - mv);
    suu += (ui - mu) ** 2;
    svv += (v[i] - mv) ** 2;
  });
  return suv / Math.sqrt(suu * svv);
}

describe('BG/NBD on CDNOW (FHL 2005 §7)', () => {
  const summary = loadCdnowSummary();

  it('should read 2,357 customers with Σx = 2,457 and 1,411 zero-repeat customers when loading the summary', () => {
    expect(summary).toHaveLength(2357);
    expect(sum(summary.map((c) => c.x))).toBe(2457);
    expect(summary.filter((c) => c.x === 0)).toHaveLength(1411);
  });

  it('should reproduce the published MLE within 0.5 % and the LL within 0.1 when fitted', () => {
    const fit = fitBgNbd(summary);
    expect(fit.converged).toBe(true);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] / PUBLISHED[key] - 1)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(fit.params[key] / REFIT[key] - 1)).toBeLessThanOrEqual(0.005);
    }
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(fit.logLikelihood - -9582.429)).toBeLessThanOrEqual(0.1);
  });

  it('should fit in under 200 ms when warm (median of 5 after 3 warm-up fits)', () => {
    for (let i = 0; i < 3; i++) fitBgNbd(summary);
    const times = Array.from({ length: 5 }, () => fitBgNbd(summary).ms).sort((p, q) => p - q);
    expect(times[2]).toBeLessThan(200);
  });

  it('should give LL −9582.430 ± 0.1 when evaluated at the published rounded parameters', () => {
    expect(Math.abs(totalLogLikelihood(PUBLISHED, summary) - -9582.43)).toBeLessThanOrEqual(0.1);
  });

  it.each([
    [0.1429, 0.0078],
    [1, 0.0532],
    [3, 0.1506],
    [31.8571, 1.0405],
    [32, 1.0437],
    [78, 1.8576],
  ])('should match Hardie’s E[X(t)] when t = %p weeks (refit params)', (t, expected) => {
    expect(Math.abs(expectedTransactions(REFIT, t) - expected)).toBeLessThanOrEqual(0.001);
  });

  it('should give E[Y(39)] = 1.226 and P(alive) = 0.7266 when the customer is ID 1 (x=2, t_x=30.43, T=38.86)', () => {
    expect(Math.abs(conditionalExpectedTransactions(REFIT, CUSTOMER_1, 39) - 1.226)).toBeLessThanOrEqual(
      0.001,
    );
    expect(Math.abs(probabilityAlive(REFIT, CUSTOMER_1) - 0.7266)).toBeLessThanOrEqual(0.001);
  });

  it('should give P(alive) exactly 1 when a customer has x = 0', () => {
    const zeroRepeat = summary.filter((c) => c.x === 0);
    expect(zeroRepeat.every((c) => probabilityAlive(PUBLISHED, c) === 1)).toBe(true);
  });

  it('should match R BTYD’s P(X(39)=0) and P(X(2)=10) when the params are the published ones', () => {
    expect(Math.abs(probabilityOfPurchases(PUBLISHED, 39, 0) - 0.5737864)).toBeLessThanOrEqual(1e-4);
    // 1.07869e-07 as printed (6 significant digits): check relative agreement.
    expect(Math.abs(probabilityOfPurchases(PUBLISHED, 2, 10) / 1.07869e-7 - 1)).toBeLessThanOrEqual(1e-4);
  });
});

describe('BG/NBD CDNOW holdout (weeks 40–78, published params)', () => {
  const customers = loadCdnowSampleSummary();
  const actual = customers.map((c) => c.holdoutX!);
  const predicted = customers.map((c) => conditionalExpectedTransactions(PUBLISHED, c, 39));

  it('should count 1,882 holdout repeat purchase days when rebuilt from the sample log', () => {
    expect(sum(actual)).toBe(1882);
  });

  it('should under-forecast cumulative week-78 repeat transactions by 4.0 ± 1 % (4,166 vs 4,339)', () => {
    const expected = sum(customers.map((c) => expectedTransactions(PUBLISHED, c.T + 39)));
    const actualCumulative = sum(customers.map((c) => c.x)) + sum(actual);
    expect(actualCumulative).toBe(4339);
    expect(Math.round(expected)).toBe(4166);
    expect(Math.abs((100 * (actualCumulative - expected)) / actualCumulative - 4.0)).toBeLessThanOrEqual(1);
  });

  it('should sum conditional expectations to 1,653.9 and correlate 0.626 with actual holdout counts', () => {
    expect(Math.abs(sum(predicted) - 1653.9)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(correlation(predicted, actual) - 0.626)).toBeLessThanOrEqual(0.001);
  });

  it.each([
    [0, 1411, 0.237, 0.225],
    [1, 439, 0.697, 0.523],
    [2, 214, 1.393, 1.044],
    [3, 100, 1.56, 1.52],
    [4, 62, 2.532, 2.164],
    [5, 38, 2.947, 2.654],
    [6, 29, 3.862, 3.504],
    [7, 64, 6.359, 6.157],
  ])(
    'should match the mean holdout table when calibration x = %p (7 means 7+)',
    (x, count, actualMean, modelMean) => {
      const members = customers
        .map((c, i) => i)
        .filter((i) => (x < 7 ? customers[i].x === x : customers[i].x >= 7));
      expect(members).toHaveLength(count);
      expect(Math.abs(sum(members.map((i) => actual[i])) / count - actualMean)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(sum(members.map((i) => predicted[i])) / count - modelMean)).toBeLessThanOrEqual(0.01);
    },
  );
});
