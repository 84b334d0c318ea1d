// BG/BB predictions (FHS 2010, eqs. 6–13): P(X(n)=x), E[X(n)], P(alive at n+1) and
// E[X(n, n+n*) | x, t_x, n], all from log-beta functions and cancellation-free sums.
import { logBeta, logGamma } from '../gamma.functions';
import { logSumExp } from '../bgnbd.likelihood';
import { bgBbLogLikelihoodTerms } from './bgbb.likelihood';
import { assertValidBgBbParams, BgBbHistory, BgBbParams } from './bgbb.types';

function assertOpportunities(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** expm1(y)/y, equal to 1 at y = 0 and accurate near it. */
function expm1OverY(y: number): number {
  return y === 0 ? 1 : Math.expm1(y) / y;
}

/** log1p(u)/u, equal to 1 at u = 0 and accurate near it. */
function log1pOverU(u: number): number {
  return u === 0 ? 1 : Math.log1p(u) / u;
}

/**
 * Σ_{k=1}^{m} P(alive at opportunity s+k | alive at s+1 … ) written as the closed form
 *
 *   [1 − Π_{j=0}^{m−1} (c+j)/(c+ε+j)] / ε,   c = 1+δ+s, ε = γ − 1,
 *
 * which is FHS's δ/(γ−1)·[Γ(1+δ+s)/Γ(γ+δ+s) − Γ(1+δ+s+m)/Γ(γ+δ+s+m)] divided by its own
 * scale. With g = Σ_j ln(1 + ε/(c+j))/ε the bracket is −expm1(−εg), so the value is
 * g·expm1(−εg)/(−εg): finite and free of cancellation as γ → 1 (where it tends to Σ 1/(c+j)).
 */
function dropoutWeightedHorizon(gamma: number, c: number, m: number): number {
  const epsilon = gamma - 1;
  let g = 0;
  for (let j = 0; j < m; j++) g += log1pOverU(epsilon / (c + j)) / (c + j);
  return g * expm1OverY(-epsilon * g);
}

/**
 * E[X(n)]: expected transactions in the first n opportunities after the first transaction, for a
 * randomly chosen new customer (FHS 2010, eq. 9):
 *
 *   α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))]  =  α/(α+β) · Σ_{t=1}^{n} B(γ, δ+t)/B(γ, δ).
 */
export function bgBbExpectedTransactions(params: BgBbParams, n: number): number {
  assertValidBgBbParams(params);
  assertOpportunities('n', n);
  const { alpha, beta, gamma, delta } = params;
  return (alpha / (alpha + beta)) * delta * dropoutWeightedHorizon(gamma, 1 + delta, n);
}

/**
 * P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L (FHS 2010, eq. 11):
 * the probability that the customer is still alive at the next opportunity. Exactly 1 only in the
 * limit; a customer who transacted at opportunity n (t_x = n) is alive at n but may die at n+1.
 */
export function bgBbProbabilityAlive(params: BgBbParams, history: BgBbHistory): number {
  assertValidBgBbParams(params);
  const { logAlive, logLikelihood } = bgBbLogLikelihoodTerms(params, history);
  const { gamma, delta } = params;
  const survivesNext = (delta + history.n) / (gamma + delta + history.n); // B(γ,δ+n+1)/B(γ,δ+n)
  return Math.min(1, Math.exp(logAlive - logLikelihood) * survivesNext);
}

/**
 * E[X(n, n+n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010, eq. 13),
 * rewritten as P(alive at n+1 | ·) · E[p | ·] · Σ_{k=1}^{n*} P(alive at n+k | alive at n+1):
 *
 *   P(alive at n+1) · (α+x)/(α+β+n) · (γ+δ+n) · [1 − Π_{j<n*} (1+δ+n+j)/(γ+δ+n+j)] / (γ−1).
 */
export function bgBbConditionalExpectedTransactions(
  params: BgBbParams,
  history: BgBbHistory,
  nStar: number,
): number {
  assertOpportunities('n*', nStar);
  const pAlive = bgBbProbabilityAlive(params, history);
  const { alpha, beta, gamma, delta } = params;
  const { x, n } = history;
  const meanP = (alpha + x) / (alpha + beta + n);
  return pAlive * meanP * (gamma + delta + n) * dropoutWeightedHorizon(gamma, 1 + delta + n, nStar);
}

/**
 * P(X(n) = x): probability that a new customer makes exactly x transactions in the first n
 * opportunities (FHS 2010, eq. 8):
 *
 *   C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ),
 *
 * summed in logs (log-sum-exp), O(n).
 */
export function bgBbProbabilityOfTransactions(params: BgBbParams, n: number, x: number): number {
  assertValidBgBbParams(params);
  assertOpportunities('n', n);
  assertOpportunities('x', x);
  if (x > n) return 0;
  const { alpha, beta, gamma, delta } = params;
  const logChoose = (m: number, k: number) => logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
  const logNormaliser = logBeta(alpha, beta) + logBeta(gamma, delta);
  let total = logChoose(n, x) + logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n) - logNormaliser;
  for (let i = x; i < n; i++) {
    const term =
      logChoose(i, x) + logBeta(alpha + x, beta + i - x) + logBeta(gamma + 1, delta + i) - logNormaliser;
    total = logSumExp(total, term);
  }
  return Math.exp(total);
}
