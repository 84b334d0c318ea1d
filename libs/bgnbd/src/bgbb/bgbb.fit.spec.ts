import { fitBgBb } from './bgbb.fit';
import { bgBbTotalLogLikelihood } from './bgbb.likelihood';
import { simulateBgBb } from './bgbb.simulator';
import { BgBbParams, BgBbPattern } from './bgbb.types';

/** Simulated customers as one-customer patterns. */
function simulatePatterns(params: BgBbParams, count: number, n: number, seed: number): BgBbPattern[] {
  return simulateBgBb(params, count, n, 0, seed).map(({ history }) => ({ ...history, count: 1 }));
}

describe(fitBgBb.name, () => {
  it('should recover the generating parameters when fitted to 5,000 simulated daily traders', () => {
    const truth: BgBbParams = { alpha: 6, beta: 2, gamma: 0.8, delta: 60 };
    const patterns = simulatePatterns(truth, 5000, 60, 7);
    const fit = fitBgBb(patterns);
    expect(fit.converged).toBe(true);
    expect(fit.params.alpha / (fit.params.alpha + fit.params.beta)).toBeCloseTo(0.75, 1.5);
    expect(fit.params.gamma / (fit.params.gamma + fit.params.delta)).toBeCloseTo(0.8 / 60.8, 2);
    // Likelihood-ratio test: the truth lies inside the 99.9 % confidence region (χ²₄ quantile 18.47).
    const lrStatistic = 2 * (fit.logLikelihood - bgBbTotalLogLikelihood(truth, patterns));
    expect(lrStatistic).toBeGreaterThanOrEqual(0);
    expect(lrStatistic).toBeLessThan(18.47);
  });

  it('should report AIC = 8 − 2·LL and the customer count', () => {
    const fit = fitBgBb(simulatePatterns({ alpha: 1, beta: 1, gamma: 1, delta: 3 }, 500, 6, 3));
    expect(fit.aic).toBeCloseTo(8 - 2 * fit.logLikelihood, 8);
    expect(fit.customerCount).toBe(500);
  });

  it('should end unconverged rather than throw when the iteration cap is too small', () => {
    const fit = fitBgBb(simulatePatterns({ alpha: 1, beta: 1, gamma: 1, delta: 3 }, 500, 6, 3), {
      maxIterations: 1,
      maxRestarts: 0,
    });
    expect(fit.converged).toBe(false);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it('should throw a RangeError when the table is empty or a pattern is invalid', () => {
    expect(() => fitBgBb([])).toThrow(/empty data set/);
    expect(() => fitBgBb([{ x: 2, tx: 1, n: 6, count: 1 }])).toThrow(RangeError);
  });
});
