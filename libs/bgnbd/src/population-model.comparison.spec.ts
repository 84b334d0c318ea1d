import { simulateBgBb } from './bgbb/bgbb.simulator';
import { RandomSource, sampleBeta, sampleGamma, seededRandom } from './bgnbd.simulator';
import { BgNbdParams, CustomerHistory } from './bgnbd.types';
import {
  bgNbdDayScaleCorrection,
  comparePopulationModels,
  toBgBbPatterns,
} from './population-model.comparison';

/** Observation windows of 30–119 days. */
function windowDays(random: RandomSource): number {
  return 30 + Math.floor(random() * 90);
}

/** Merchants from the BG/BB story: active on each day with probability p ~ Beta(6, 2) by default. */
function bgBbDailyTraders(
  count: number,
  seed: number,
  params = { alpha: 6, beta: 2, gamma: 0.8, delta: 60 },
): CustomerHistory[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const { x, tx, n } = simulateBgBb(params, 1, windowDays(random), 0, seed * 100_000 + i)[0].history;
    return { x, tx, T: n };
  });
}

/** Customers from the BG/NBD story (Poisson purchases, dropout after a purchase), recorded as active days. */
function bgNbdActiveDays({ r, alpha, a, b }: BgNbdParams, count: number, seed: number): CustomerHistory[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const T = windowDays(random);
    const lambda = sampleGamma(r, random) / alpha;
    const p = sampleBeta(a, b, random);
    const days = new Set<number>();
    for (let time = -Math.log(1 - random()) / lambda; time <= T; time += -Math.log(1 - random()) / lambda) {
      days.add(Math.ceil(time));
      if (random() < p) break;
    }
    return { x: days.size, tx: days.size === 0 ? 0 : Math.max(...days), T };
  });
}

describe(comparePopulationModels.name, () => {
  it('should prefer BG/BB by a wide margin when merchants trade on most days', () => {
    const comparison = comparePopulationModels(bgBbDailyTraders(1500, 1));
    expect(comparison.preferred).toBe('bgbb');
    expect(comparison.bgbb.converged).toBe(true);
    expect(comparison.aicAdvantage / 1500).toBeGreaterThan(5);
    expect(comparison.bgbb.aic).toBeCloseTo(8 - 2 * comparison.bgbb.logLikelihood, 6);
    expect(comparison.bgnbd.aic).toBeCloseTo(
      8 - 2 * (comparison.bgnbd.logLikelihood + comparison.bgnbd.dayScaleCorrection),
      6,
    );
    expect(comparison.reason).toMatch(/^BG\/BB preferred: AIC .* on 1500 histories/);
  });

  it('should flag BG/NBD as degenerate when every merchant trades on about 90 % of days (underdispersed)', () => {
    const comparison = comparePopulationModels(
      bgBbDailyTraders(1000, 4, { alpha: 200, beta: 20, gamma: 0.5, delta: 100 }),
    );
    expect(comparison.bgnbd.degenerate).toBe(true);
    expect(Math.max(comparison.bgnbd.params.r, comparison.bgnbd.params.alpha)).toBeGreaterThan(1e6);
    expect(comparison.preferred).toBe('bgbb');
    expect(comparison.reason).toMatch(/BG\/NBD degenerate/);
  });

  it('should prefer BG/NBD when sparse buyers follow its Poisson story (raw density AIC would pick BG/BB)', () => {
    const histories = bgNbdActiveDays({ r: 0.5, alpha: 10, a: 1, b: 3 }, 2000, 9);
    const comparison = comparePopulationModels(histories);
    expect(comparison.preferred).toBe('bgnbd');
    expect(comparison.bgnbd.converged).toBe(true);
    // The defect the day-scale correction fixes: the density alone scores below BG/BB.
    expect(comparison.bgnbd.logLikelihood).toBeLessThan(comparison.bgbb.logLikelihood);
    expect(comparison.bgnbd.logLikelihood + comparison.bgnbd.dayScaleCorrection).toBeGreaterThan(
      comparison.bgbb.logLikelihood,
    );
  });

  it('should prefer the converged model when the other fit does not converge, and say so', () => {
    const comparison = comparePopulationModels(bgBbDailyTraders(300, 2), {
      bgbb: { maxIterations: 1, maxRestarts: 0 },
    });
    expect(comparison.bgbb.converged).toBe(false);
    expect(comparison.preferred).toBe('bgnbd');
    expect(comparison.reason).toMatch(/BG\/BB did not converge/);
  });

  it('should throw a RangeError when a history is not in whole days', () => {
    expect(() => comparePopulationModels([{ x: 1, tx: 2.5, T: 10 }])).toThrow(/t_x must be an integer/);
    expect(() => comparePopulationModels([])).toThrow(RangeError);
  });
});

describe(bgNbdDayScaleCorrection.name, () => {
  const params: BgNbdParams = { r: 2, alpha: 4, a: 1, b: 1 };

  it('should add x·ln((e^λ − 1)/λ) at the posterior mean rate for a customer active on the last day', () => {
    // t_x = T, so the posterior rate is (r+x)/(α+T) whatever P(alive) is.
    const lambda = (2 + 6) / (4 + 10);
    expect(bgNbdDayScaleCorrection(params, [{ x: 6, tx: 10, T: 10 }])).toBeCloseTo(
      6 * Math.log(Math.expm1(lambda) / lambda),
      12,
    );
  });

  it('should add nothing for customers without repeat days and about x·λ/2 for rare buyers', () => {
    expect(bgNbdDayScaleCorrection(params, [{ x: 0, tx: 0, T: 30 }])).toBe(0);
    const rare = { r: 0.5, alpha: 1000, a: 1, b: 1 };
    const lambda = 1.5 / 1100;
    expect(bgNbdDayScaleCorrection(rare, [{ x: 1, tx: 100, T: 100 }])).toBeCloseTo(lambda / 2, 6);
  });
});

describe(toBgBbPatterns.name, () => {
  it('should map T days to n opportunities, one customer per pattern', () => {
    expect(toBgBbPatterns([{ x: 3, tx: 7, T: 9 }])).toEqual([{ x: 3, tx: 7, n: 9, count: 1 }]);
  });
});
