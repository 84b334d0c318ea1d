// The BG/NBD individual-level log-likelihood in closed form (FHL 2005, eq. 6), evaluated in logs.
import { BgNbdParams, CustomerHistory } from './bgnbd.types';
import { logGamma } from './gamma.functions';

/**
 * ln(eᵘ + eᵛ) without overflow or underflow.
 * Invariant: exact when one argument is −Infinity (the other is returned).
 */
export function logSumExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * Log-likelihood of one customer's (x, t_x, T) under BG/NBD:
 *
 *   L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
 *     + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x))
 *
 * written as ln A₁ + ln A₂ + ln(e^{ln A₃} + [x>0] e^{ln A₄}) with the second term combined by
 * log-sum-exp, using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1).
 */
export function customerLogLikelihood(params: BgNbdParams, history: CustomerHistory): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = history;
  const logA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const logA2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const logA3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return logA1 + logA2 + logA3;
  const logA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return logA1 + logA2 + logSumExp(logA3, logA4);
}

/**
 * Total log-likelihood Σᵢ ln Lᵢ over customers (straightforward reference evaluation;
 * the fitter uses the grouped {@link BgNbdObjective} for speed).
 */
export function totalLogLikelihood(params: BgNbdParams, histories: readonly CustomerHistory[]): number {
  let total = 0;
  for (const history of histories) total += customerLogLikelihood(params, history);
  return total;
}
