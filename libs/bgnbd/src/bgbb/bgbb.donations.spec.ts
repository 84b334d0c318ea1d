// Reproduces the published BG/BB figures on the donations data (Fader, Hardie & Shang 2010).
// Sources: the paper's MLE and LL (libs/bgnbd/test-data/README.md); P(alive in 2002) from the paper's
// Table 6 and two totals from Hardie's BG/BB spreadsheet (note 010), both as asserted in the
// `lifetimes` test suite (TestBetaGeoBetaBinomFitter).
import { loadDonationsPatterns } from '../testing/donations-data.fixture';
import { fitBgBb } from './bgbb.fit';
import { bgBbTotalLogLikelihood } from './bgbb.likelihood';
import {
  bgBbConditionalExpectedTransactions,
  bgBbExpectedTransactions,
  bgBbProbabilityAlive,
  bgBbProbabilityOfTransactions,
} from './bgbb.predictions';
import { BgBbParams } from './bgbb.types';

const PUBLISHED: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const SCIPY: BgBbParams = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };
const KEYS = ['alpha', 'beta', 'gamma', 'delta'] as const;

describe('BG/BB on the donations data (FHS 2010)', () => {
  const patterns = loadDonationsPatterns();
  const fit = fitBgBb(patterns);

  it('should read 22 patterns of 11,104 supporters with 24,615 repeat gifts over n = 6 when loading the table', () => {
    expect(patterns).toHaveLength(22);
    expect(patterns.reduce((s, p) => s + p.count, 0)).toBe(11104);
    expect(patterns.reduce((s, p) => s + p.count * p.x, 0)).toBe(24615);
    expect(patterns.every((p) => p.n === 6)).toBe(true);
  });

  it('should reproduce the published MLE to 3 decimals and the LL −33,225.6 within 0.1 when fitted', () => {
    expect(fit.converged).toBe(true);
    for (const key of KEYS) {
      expect(fit.params[key]).toBeCloseTo(PUBLISHED[key], 3);
      expect(fit.params[key]).toBeCloseTo(SCIPY[key], 4);
    }
    expect(Math.abs(fit.logLikelihood - -33225.6)).toBeLessThanOrEqual(0.1);
    expect(fit.aic).toBeCloseTo(8 - 2 * fit.logLikelihood, 8);
    expect(fit.customerCount).toBe(11104);
  });

  it('should give LL −33,225.6 ± 0.1 when evaluated at the published rounded parameters', () => {
    expect(Math.abs(bgBbTotalLogLikelihood(PUBLISHED, patterns) - -33225.6)).toBeLessThanOrEqual(0.1);
  });

  it('should reach the same optimum when started far from it', () => {
    const far = fitBgBb(patterns, { initial: { alpha: 20, beta: 0.05, gamma: 10, delta: 0.1 } });
    expect(far.converged).toBe(true);
    expect(far.logLikelihood).toBeCloseTo(fit.logLikelihood, 4);
    for (const key of KEYS) expect(far.params[key]).toBeCloseTo(fit.params[key], 3);
  });

  it.each([
    [0, 0, 0.11],
    [2, 4, 0.59],
    [6, 6, 0.93],
  ])('should give P(alive in 2002) of Table 6 when x = %p and t_x = %p', (x, tx, published) => {
    expect(bgBbProbabilityAlive(fit.params, { x, tx, n: 6 })).toBeCloseTo(published, 2);
  });

  it('should total 12,884.2 expected gifts in 2002–2006 (Hardie’s sheet) when summing E[X(6, 11) | x, t_x, 6]', () => {
    const total = patterns.reduce(
      (sum, p) => sum + p.count * bgBbConditionalExpectedTransactions(fit.params, p, 5),
      0,
    );
    expect(Math.abs(total - 12884.2)).toBeLessThan(0.5);
  });

  it('should expect 3,454.9 supporters with 0 and 1,253.1 with 6 repeat gifts in 6 years (Hardie’s sheet)', () => {
    const expectedCount = (x: number) => 11104 * bgBbProbabilityOfTransactions(fit.params, 6, x);
    expect(Math.abs(expectedCount(0) - 3454.9)).toBeLessThan(0.5);
    expect(Math.abs(expectedCount(6) - 1253.1)).toBeLessThan(0.5);
  });

  it('should expect about the observed 24,615 repeat gifts when E[X(6)] is scaled to the cohort', () => {
    // In-sample aggregate fit: 11,104 · E[X(6)] against the actual total, within 0.5 %.
    expect(Math.abs((11104 * bgBbExpectedTransactions(fit.params, 6)) / 24615 - 1)).toBeLessThan(0.005);
  });

  it('should fit in under 100 ms when warm (median of 5 after 3 warm-up fits)', () => {
    for (let i = 0; i < 3; i++) fitBgBb(patterns);
    const times = Array.from({ length: 5 }, () => fitBgBb(patterns).ms).sort((p, q) => p - q);
    expect(times[2]).toBeLessThan(100);
  });
});
