// The BG/BB individual-level log-likelihood (FHS 2010, eq. 5), evaluated in logs without overflow.
import { logBeta } from '../gamma.functions';
import { logSumExp } from '../bgnbd.likelihood';
import { assertValidBgBbHistory, BgBbHistory, BgBbParams, BgBbPattern } from './bgbb.types';

/** ln L split into its "still alive at n" term and the total, both in logs. */
export interface BgBbLogLikelihoodTerms {
  /** ln[B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)]: the customer is alive through opportunity n. */
  readonly logAlive: number;
  /** ln L(α, β, γ, δ | x, t_x, n). */
  readonly logLikelihood: number;
}

/**
 * Σ_{i=0}^{m−1} Π_{j<i} ρ_j with ρ_j = (β+t_x−x+j)(δ+t_x+j) / ((α+β+t_x+j)(γ+δ+t_x+j+1)): the dead-term
 * sum divided by its first term. Each ρ_j lies in (0, 1), so every summand is in (0, 1] and the sum
 * is at most m: no overflow, no cancellation, and no gamma function inside the loop.
 */
function scaledDeadSum(params: BgBbParams, x: number, tx: number, m: number): number {
  const { alpha, beta, gamma, delta } = params;
  let term = 1;
  let sum = 0;
  for (let j = 0; j < m; j++) {
    sum += term;
    term *=
      ((beta + tx - x + j) * (delta + tx + j)) / ((alpha + beta + tx + j) * (gamma + delta + tx + j + 1));
  }
  return sum;
}

/**
 * ln L for one history:
 *
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 *
 * (the customer is alive at n, or died at the start of opportunity t_x+i+1). The sum is the first
 * dead term times {@link scaledDeadSum}, and the two parts are combined by log-sum-exp.
 * Cost O(n − t_x). Does not validate its inputs (see {@link bgBbLogLikelihoodTerms}).
 */
function logLikelihoodTermsUnchecked(params: BgBbParams, history: BgBbHistory): BgBbLogLikelihoodTerms {
  const { alpha, beta, gamma, delta } = params;
  const { x, tx, n } = history;
  const logNormaliser = logBeta(alpha, beta) + logBeta(gamma, delta);
  const logAlive = logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n) - logNormaliser;
  if (tx === n) return { logAlive, logLikelihood: logAlive };
  const logFirstDead = logBeta(alpha + x, beta + tx - x) + logBeta(gamma + 1, delta + tx) - logNormaliser;
  const logDead = logFirstDead + Math.log(scaledDeadSum(params, x, tx, n - tx));
  return { logAlive, logLikelihood: logSumExp(logAlive, logDead) };
}

/** ln L and its "alive at n" term for one validated history (parameters are not validated). */
export function bgBbLogLikelihoodTerms(params: BgBbParams, history: BgBbHistory): BgBbLogLikelihoodTerms {
  assertValidBgBbHistory(history);
  return logLikelihoodTermsUnchecked(params, history);
}

/** ln L(α, β, γ, δ | x, t_x, n) for one customer. Throws RangeError for an invalid history. */
export function bgBbCustomerLogLikelihood(params: BgBbParams, history: BgBbHistory): number {
  return bgBbLogLikelihoodTerms(params, history).logLikelihood;
}

/**
 * Σ count · ln L over an RF table (reference evaluation; the fitter uses the grouped
 * {@link BgBbObjective}, which also returns the gradient).
 */
export function bgBbTotalLogLikelihood(params: BgBbParams, patterns: readonly BgBbPattern[]): number {
  let total = 0;
  for (const pattern of patterns) total += pattern.count * bgBbCustomerLogLikelihood(params, pattern);
  return total;
}
