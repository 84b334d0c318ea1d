import { logBeta, logGamma } from '../gamma.functions';
import { bgBbCustomerLogLikelihood, bgBbLogLikelihoodTerms, bgBbTotalLogLikelihood } from './bgbb.likelihood';
import { BgBbHistory, BgBbParams } from './bgbb.types';

const PARAMS: BgBbParams = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

/** FHS 2010 eq. 5 evaluated literally: every term from its own beta functions, summed in linear space. */
function literalLikelihood({ alpha, beta, gamma, delta }: BgBbParams, { x, tx, n }: BgBbHistory): number {
  const norm = logBeta(alpha, beta) + logBeta(gamma, delta);
  let sum = Math.exp(logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n) - norm);
  for (let i = 0; i <= n - tx - 1; i++) {
    sum += Math.exp(logBeta(alpha + x, beta + tx - x + i) + logBeta(gamma + 1, delta + tx + i) - norm);
  }
  return sum;
}

/** The same in log space, term by term (O(n) gamma functions, but no underflow). */
function literalLogLikelihood(params: BgBbParams, { x, tx, n }: BgBbHistory): number {
  const { alpha, beta, gamma, delta } = params;
  const norm = logBeta(alpha, beta) + logBeta(gamma, delta);
  const terms = [logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n) - norm];
  for (let i = 0; i <= n - tx - 1; i++) {
    terms.push(logBeta(alpha + x, beta + tx - x + i) + logBeta(gamma + 1, delta + tx + i) - norm);
  }
  const max = Math.max(...terms);
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}

const HISTORIES: BgBbHistory[] = [
  { x: 0, tx: 0, n: 6 },
  { x: 1, tx: 1, n: 6 },
  { x: 2, tx: 4, n: 6 },
  { x: 6, tx: 6, n: 6 },
  { x: 0, tx: 0, n: 0 },
  { x: 3, tx: 10, n: 40 },
];

describe(bgBbCustomerLogLikelihood.name, () => {
  it.each(HISTORIES)('should equal the literal eq. 5 when the history is %p', (history) => {
    expect(bgBbCustomerLogLikelihood(PARAMS, history)).toBeCloseTo(
      Math.log(literalLikelihood(PARAMS, history)),
      11,
    );
  });

  it('should stay finite and equal the log-space literal form when n is 5,000 days (linear space underflows)', () => {
    const daily: BgBbParams = { alpha: 80, beta: 20, gamma: 0.5, delta: 400 };
    const history = { x: 2400, tx: 3000, n: 5000 };
    expect(literalLikelihood(daily, history)).toBe(0);
    const value = bgBbCustomerLogLikelihood(daily, history);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeCloseTo(literalLogLikelihood(daily, history), 7);
  });

  it('should sum to 1 over every day-by-day record of n opportunities when each pattern is weighted by its sequences', () => {
    // L is the probability of one binary sequence; C(t_x−1, x−1) sequences share (x, t_x).
    const n = 9;
    let total = Math.exp(bgBbCustomerLogLikelihood(PARAMS, { x: 0, tx: 0, n }));
    for (let tx = 1; tx <= n; tx++) {
      for (let x = 1; x <= tx; x++) {
        const logSequences = logGamma(tx) - logGamma(x) - logGamma(tx - x + 1);
        total += Math.exp(logSequences + bgBbCustomerLogLikelihood(PARAMS, { x, tx, n }));
      }
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it('should give the alive term alone when the last transaction was at opportunity n', () => {
    const { logAlive, logLikelihood } = bgBbLogLikelihoodTerms(PARAMS, { x: 4, tx: 6, n: 6 });
    expect(logLikelihood).toBe(logAlive);
  });

  it.each([
    [{ x: 3, tx: 2, n: 6 }, /x must not exceed t_x/],
    [{ x: 1, tx: 7, n: 6 }, /t_x must be an integer in \[0, n\]/],
    [{ x: 0, tx: 2, n: 6 }, /t_x must be 0 when x = 0/],
    [{ x: 1, tx: 1.5, n: 6 }, /t_x must be an integer/],
    [{ x: 1, tx: 1, n: -1 }, /n must be a non-negative integer/],
  ])('should throw a RangeError when the history is %p', (history, message) => {
    expect(() => bgBbCustomerLogLikelihood(PARAMS, history)).toThrow(RangeError);
    expect(() => bgBbCustomerLogLikelihood(PARAMS, history)).toThrow(message);
  });
});

describe(bgBbTotalLogLikelihood.name, () => {
  it('should weight each pattern by its count when summing', () => {
    const patterns = [
      { x: 2, tx: 4, n: 6, count: 3 },
      { x: 0, tx: 0, n: 6, count: 5 },
    ];
    const expected =
      3 * bgBbCustomerLogLikelihood(PARAMS, patterns[0]) + 5 * bgBbCustomerLogLikelihood(PARAMS, patterns[1]);
    expect(bgBbTotalLogLikelihood(PARAMS, patterns)).toBeCloseTo(expected, 10);
  });
});
