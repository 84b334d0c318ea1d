import { bgBbTotalLogLikelihood } from './bgbb.likelihood';
import { BgBbObjective } from './bgbb.objective';
import { BgBbParams, BgBbPattern } from './bgbb.types';

const PATTERNS: BgBbPattern[] = [
  { x: 0, tx: 0, n: 6, count: 3464 },
  { x: 2, tx: 4, n: 6, count: 155 },
  { x: 6, tx: 6, n: 6, count: 1203 },
  { x: 1, tx: 1, n: 30, count: 7 },
  { x: 250, tx: 290, n: 400, count: 2 },
  { x: 3, tx: 3, n: 3, count: 1 },
];

const KEYS = ['alpha', 'beta', 'gamma', 'delta'] as const;

/** Central differences with a relative step. */
function numericGradient(objective: BgBbObjective, params: BgBbParams): number[] {
  return KEYS.map((key) => {
    const h = 1e-6 * params[key];
    const up = objective.logLikelihood({ ...params, [key]: params[key] + h });
    const down = objective.logLikelihood({ ...params, [key]: params[key] - h });
    return (up - down) / (2 * h);
  });
}

describe(BgBbObjective.name, () => {
  const objective = BgBbObjective.fromPatterns(PATTERNS);

  it.each([
    { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 },
    { alpha: 8, beta: 2, gamma: 1, delta: 50 },
    { alpha: 0.3, beta: 5, gamma: 3, delta: 0.4 },
  ])('should equal the reference total log-likelihood when the parameters are %p', (params) => {
    expect(objective.logLikelihood(params)).toBeCloseTo(bgBbTotalLogLikelihood(params, PATTERNS), 8);
  });

  it.each([
    { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 },
    { alpha: 8, beta: 2, gamma: 1, delta: 50 },
    { alpha: 0.3, beta: 5, gamma: 3, delta: 0.4 },
  ])('should return the analytic gradient of the finite differences when the parameters are %p', (params) => {
    const gradient = new Float64Array(4);
    const value = objective.logLikelihoodWithGradient(params, gradient);
    expect(value).toBe(objective.logLikelihood(params));
    numericGradient(objective, params).forEach((expected, k) => {
      expect(Math.abs(gradient[k] - expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected)));
    });
  });

  it('should return −LL and −θ·∂LL/∂θ when evaluated in log-parameters', () => {
    const params = { alpha: 1.5, beta: 0.8, gamma: 0.7, delta: 3 };
    const gradient = new Float64Array(4);
    const logGradient = new Float64Array(4);
    const ll = objective.logLikelihoodWithGradient(params, gradient);
    const phi = Float64Array.from(KEYS, (key) => Math.log(params[key]));
    expect(objective.negativeLogLikelihoodInLogSpace(phi, logGradient)).toBeCloseTo(-ll, 8);
    KEYS.forEach((key, k) => expect(logGradient[k]).toBeCloseTo(-params[key] * gradient[k], 6));
  });

  it('should merge identical patterns and count customers when built', () => {
    const merged = BgBbObjective.fromPatterns([
      { x: 1, tx: 2, n: 6, count: 2 },
      { x: 1, tx: 2, n: 6, count: 3 },
      { x: 0, tx: 0, n: 6, count: 1 },
    ]);
    expect(merged.rowCount).toBe(2);
    expect(merged.customerCount).toBe(6);
    expect(merged.transactionShare).toBeCloseTo(5 / 36, 12);
  });

  it.each([0, -1, 1.5])('should throw a RangeError when a count is %p', (count) => {
    expect(() => BgBbObjective.fromPatterns([{ x: 1, tx: 2, n: 6, count }])).toThrow(
      /count must be a positive integer/,
    );
  });
});
