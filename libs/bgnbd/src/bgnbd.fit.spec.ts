import { fitBgNbd } from './bgnbd.fit';
import { totalLogLikelihood } from './bgnbd.likelihood';
import { simulateBgNbd } from './bgnbd.simulator';
import { BgNbdParams } from './bgnbd.types';

/** 99.9 % quantile of χ² with 4 degrees of freedom: bound for 2·(LL(θ̂) − LL(θ_true)). */
const CHI2_4_999 = 18.47;

function relativeError(estimate: number, truth: number): number {
  return Math.abs(estimate / truth - 1);
}

describe(fitBgNbd.name, () => {
  const truths: [string, BgNbdParams, number][] = [
    ['CDNOW-like', { r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 11],
    ['frequent buyers, low dropout', { r: 1.5, alpha: 10, a: 2, b: 6 }, 12],
    ['heavy dropout', { r: 0.5, alpha: 2, a: 0.3, b: 1.2 }, 13],
  ];

  it.each(truths)('should recover the parameters when data are simulated from %s truth', (_, truth, seed) => {
    const data = simulateBgNbd(truth, 5000, (_i, random) => 39 + 39 * random(), seed);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    // The MLE beats the truth, but only by sampling noise (likelihood-ratio test).
    const llTruth = totalLogLikelihood(truth, data);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(llTruth);
    expect(2 * (fit.logLikelihood - llTruth)).toBeLessThan(CHI2_4_999);
    expect(relativeError(fit.params.r, truth.r)).toBeLessThan(0.1);
    expect(relativeError(fit.params.alpha, truth.alpha)).toBeLessThan(0.1);
    // a and b are strongly correlated; their ratio (mean dropout probability) is sharply identified.
    expect(relativeError(fit.params.a, truth.a)).toBeLessThan(0.35);
    expect(relativeError(fit.params.b, truth.b)).toBeLessThan(0.35);
    const meanDropout = fit.params.a / (fit.params.a + fit.params.b);
    expect(relativeError(meanDropout, truth.a / (truth.a + truth.b))).toBeLessThan(0.1);
  });

  it('should reach the same optimum when started from distant points', () => {
    const data = simulateBgNbd({ r: 0.7, alpha: 5, a: 1.1, b: 3 }, 3000, () => 52, 21);
    const fits = [
      fitBgNbd(data),
      fitBgNbd(data, { initial: { r: 10, alpha: 100, a: 10, b: 0.1 } }),
      fitBgNbd(data, { initial: { r: 0.01, alpha: 0.1, a: 0.05, b: 50 } }),
    ];
    for (const fit of fits.slice(1)) {
      expect(fit.converged).toBe(true);
      expect(fit.logLikelihood).toBeCloseTo(fits[0].logLikelihood, 5);
      expect(fit.params.r).toBeCloseTo(fits[0].params.r, 4);
      expect(fit.params.b).toBeCloseTo(fits[0].params.b, 3);
    }
  });

  it('should return finite parameters and report its diagnostics when the data show no dropout', () => {
    // p ≈ 0: b runs towards infinity, which the log-parameter bound contains.
    const data = simulateBgNbd({ r: 2, alpha: 4, a: 0.001, b: 1000 }, 1000, () => 30, 5);
    const fit = fitBgNbd(data, { maxIterations: 300 });
    expect(Object.values(fit.params).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.ms).toBeGreaterThan(0);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(0.01);
  });

  it('should fit when every customer has x = 0 except one', () => {
    const data = [...Array.from({ length: 50 }, () => ({ x: 0, tx: 0, T: 20 })), { x: 1, tx: 3, T: 20 }];
    const fit = fitBgNbd(data);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThan(totalLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, data));
  });

  it('should throw when the data set is empty', () => {
    expect(() => fitBgNbd([])).toThrow(RangeError);
  });
});
