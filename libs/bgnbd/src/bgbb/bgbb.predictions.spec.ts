import { logBeta } from '../gamma.functions';
import { bgBbCustomerLogLikelihood } from './bgbb.likelihood';
import {
  bgBbConditionalExpectedTransactions,
  bgBbExpectedTransactions,
  bgBbProbabilityAlive,
  bgBbProbabilityOfTransactions,
} from './bgbb.predictions';
import { simulateBgBb } from './bgbb.simulator';
import { BgBbHistory, BgBbParams } from './bgbb.types';

const DONATIONS: BgBbParams = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

/** α/(α+β) · Σ_{t=from+1}^{to} B(γ, δ+t)/B(γ, δ): the defining sum of E[X(n)] (FHS 2010, eq. 9 before closing). */
function survivalSum({ gamma, delta }: BgBbParams, from: number, to: number): number {
  let sum = 0;
  for (let t = from + 1; t <= to; t++) sum += Math.exp(logBeta(gamma, delta + t) - logBeta(gamma, delta));
  return sum;
}

/** E[X(n, n+n*) | ·] as the defining sum: B(α+x+1, β+n−x)/B(α,β) · Σ_{t=n+1}^{n+n*} B(γ,δ+t)/B(γ,δ) / L. */
function literalConditionalExpectation(params: BgBbParams, history: BgBbHistory, nStar: number): number {
  const { alpha, beta } = params;
  const { x, n } = history;
  const logP = logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta);
  return Math.exp(logP - bgBbCustomerLogLikelihood(params, history)) * survivalSum(params, n, n + nStar);
}

describe(bgBbExpectedTransactions.name, () => {
  it.each([0.6567, 1, 1 - 1e-9, 1 + 1e-9, 3.5])(
    'should equal the defining sum over survival probabilities when γ = %p',
    (gamma) => {
      const params = { ...DONATIONS, gamma };
      for (const n of [0, 1, 6, 50]) {
        const mean = params.alpha / (params.alpha + params.beta);
        expect(bgBbExpectedTransactions(params, n)).toBeCloseTo(mean * survivalSum(params, 0, n), 10);
      }
    },
  );

  it('should be continuous through γ = 1, where the closed form divides by γ − 1', () => {
    const at = (gamma: number) => bgBbExpectedTransactions({ ...DONATIONS, gamma }, 30);
    expect(at(1 - 1e-12)).toBeCloseTo(at(1), 10);
    expect(at(1 + 1e-12)).toBeCloseTo(at(1), 10);
  });

  it('should throw a RangeError when n is negative or fractional', () => {
    expect(() => bgBbExpectedTransactions(DONATIONS, -1)).toThrow(RangeError);
    expect(() => bgBbExpectedTransactions(DONATIONS, 2.5)).toThrow(/n must be a non-negative integer/);
  });
});

describe(bgBbConditionalExpectedTransactions.name, () => {
  const histories: BgBbHistory[] = [
    { x: 0, tx: 0, n: 6 },
    { x: 2, tx: 4, n: 6 },
    { x: 6, tx: 6, n: 6 },
    { x: 40, tx: 55, n: 90 },
  ];

  it.each(histories)('should equal the defining sum when the history is %p', (history) => {
    for (const gamma of [DONATIONS.gamma, 1, 2.5]) {
      const params = { ...DONATIONS, gamma };
      for (const nStar of [0, 1, 5, 30]) {
        expect(bgBbConditionalExpectedTransactions(params, history, nStar)).toBeCloseTo(
          literalConditionalExpectation(params, history, nStar),
          10,
        );
      }
    }
  });

  it('should equal E[X(n*)] for a customer who has just made the first transaction (n = 0)', () => {
    for (const nStar of [1, 5, 40]) {
      expect(bgBbConditionalExpectedTransactions(DONATIONS, { x: 0, tx: 0, n: 0 }, nStar)).toBeCloseTo(
        bgBbExpectedTransactions(DONATIONS, nStar),
        12,
      );
    }
  });

  it('should increase with the horizon, the frequency and the recency', () => {
    const e = (x: number, tx: number, nStar: number) =>
      bgBbConditionalExpectedTransactions(DONATIONS, { x, tx, n: 6 }, nStar);
    for (let nStar = 1; nStar < 20; nStar++) expect(e(3, 5, nStar + 1)).toBeGreaterThan(e(3, 5, nStar));
    for (let x = 1; x < 6; x++) expect(e(x + 1, 6, 5)).toBeGreaterThan(e(x, 6, 5));
    for (let tx = 3; tx < 6; tx++) expect(e(3, tx + 1, 5)).toBeGreaterThan(e(3, tx, 5));
  });

  it('should stay finite and non-negative when a daily trader has been silent for years', () => {
    const daily = { alpha: 8, beta: 2, gamma: 0.6, delta: 300 };
    const silent = { x: 400, tx: 500, n: 3000 };
    const value = bgBbConditionalExpectedTransactions(daily, silent, 365);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-3);
    expect(bgBbConditionalExpectedTransactions(daily, { x: 2900, tx: 3000, n: 3000 }, 365)).toBeGreaterThan(
      200,
    );
  });

  it('should throw a RangeError when n* is negative', () => {
    expect(() => bgBbConditionalExpectedTransactions(DONATIONS, { x: 1, tx: 1, n: 6 }, -1)).toThrow(
      /n\* must be a non-negative integer/,
    );
  });
});

describe(bgBbProbabilityAlive.name, () => {
  it('should lie in (0, 1) and increase with recency at fixed frequency', () => {
    for (let x = 1; x <= 6; x++) {
      let previous = 0;
      for (let tx = x; tx <= 6; tx++) {
        const p = bgBbProbabilityAlive(DONATIONS, { x, tx, n: 6 });
        expect(p).toBeGreaterThan(previous);
        expect(p).toBeLessThan(1);
        previous = p;
      }
    }
  });

  it('should be the same for everyone who transacted at opportunity n (the past no longer matters)', () => {
    const values = [1, 3, 6].map((x) => bgBbProbabilityAlive(DONATIONS, { x, tx: 6, n: 6 }));
    expect(values[0]).toBeCloseTo(values[2], 12);
    expect(values[1]).toBeCloseTo(values[2], 12);
  });

  it('should equal the prior survival δ/(γ+δ) for a customer who has just made the first transaction', () => {
    const { gamma, delta } = DONATIONS;
    expect(bgBbProbabilityAlive(DONATIONS, { x: 0, tx: 0, n: 0 })).toBeCloseTo(delta / (gamma + delta), 12);
  });

  it('should throw a RangeError naming the parameter when one is not positive', () => {
    expect(() => bgBbProbabilityAlive({ ...DONATIONS, delta: 0 }, { x: 0, tx: 0, n: 1 })).toThrow(
      /parameter delta/,
    );
  });
});

describe(bgBbProbabilityOfTransactions.name, () => {
  it('should sum to 1 over x and have mean E[X(n)]', () => {
    for (const n of [1, 6, 25]) {
      const pmf = Array.from({ length: n + 1 }, (_, x) => bgBbProbabilityOfTransactions(DONATIONS, n, x));
      expect(pmf.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      expect(pmf.reduce((s, p, x) => s + x * p, 0)).toBeCloseTo(bgBbExpectedTransactions(DONATIONS, n), 12);
    }
  });

  it('should be 0 when x exceeds n', () => {
    expect(bgBbProbabilityOfTransactions(DONATIONS, 3, 4)).toBe(0);
  });
});

describe('BG/BB predictions against a Monte Carlo simulation of the fitted donations model', () => {
  const customers = simulateBgBb(DONATIONS, 100_000, 6, 5, 2010);
  const groups = new Map<string, { history: BgBbHistory; alive: number; future: number[] }>();
  for (const { history, aliveAtNext, futureTransactions } of customers) {
    const key = `${history.x}|${history.tx}`;
    const group = groups.get(key) ?? { history, alive: 0, future: [] };
    group.alive += aliveAtNext ? 1 : 0;
    group.future.push(futureTransactions);
    groups.set(key, group);
  }
  const large = [...groups.values()].filter((g) => g.future.length >= 1000);

  it('should simulate the 22 patterns, at least 12 of them with 1,000+ customers', () => {
    expect(groups.size).toBe(22);
    expect(large.length).toBeGreaterThanOrEqual(12);
  });

  it('should match the simulated P(alive at n+1) within 4 standard errors for each large pattern', () => {
    for (const { history, alive, future } of large) {
      const p = bgBbProbabilityAlive(DONATIONS, history);
      const standardError = Math.sqrt((p * (1 - p)) / future.length);
      expect(Math.abs(alive / future.length - p)).toBeLessThan(4 * standardError);
    }
  });

  it('should match the simulated mean of the next 5 opportunities within 4 standard errors for each large pattern', () => {
    for (const { history, future } of large) {
      const m = future.length;
      const mean = future.reduce((s, v) => s + v, 0) / m;
      const variance = future.reduce((s, v) => s + (v - mean) ** 2, 0) / (m - 1);
      const expected = bgBbConditionalExpectedTransactions(DONATIONS, history, 5);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(variance / m));
    }
  });

  it('should match the simulated distribution of x within 4 standard errors', () => {
    for (let x = 0; x <= 6; x++) {
      const p = bgBbProbabilityOfTransactions(DONATIONS, 6, x);
      const share = customers.filter((c) => c.history.x === x).length / customers.length;
      expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / customers.length));
    }
  });
});
