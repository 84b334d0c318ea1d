// BG/NBD predictions (FHL 2005, eqs. 7–10): P(X(t)=k), E[X(t)], P(alive) and E[Y(t) | x, t_x, T].
import { assertValidHistory, assertValidParams, BgNbdParams, CustomerHistory } from './bgnbd.types';
import { logBeta, logGamma } from './gamma.functions';
import { sumHypergeometricTail } from './hypergeometric.functions';

function assertNonNegativeTime(t: number): void {
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`t must be a finite number ≥ 0, got ${t}`);
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), evaluated as a
 * logistic of a log-odds so it neither overflows nor underflows. Exactly 1 when x = 0: under
 * BG/NBD a customer can only drop out right after a repeat purchase.
 */
export function probabilityAlive(params: BgNbdParams, history: CustomerHistory): number {
  assertValidParams(params);
  assertValidHistory(history);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = history;
  if (x === 0) return 1;
  const logOddsDead =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logOddsDead > 0
    ? Math.exp(-logOddsDead) / (1 + Math.exp(-logOddsDead))
    : 1 / (1 + Math.exp(logOddsDead));
}

/**
 * Expected transactions in the next t time units for a customer who is alive, has made x repeat
 * purchases and is T old:
 *
 *   c/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; c; z)],  c = a+b+x−1, z = t/(α+T+t).
 *
 * Euler's transformation turns the 2F1 into (1−z)^(c−r−b−2x) · 2F1(a+b−1−r, a−1; c; z), so the
 * bracket is 1 − (1−z)^(a−1)·F with small, x-independent upper parameters and no overflow at large
 * x or t (Fader & Hardie, note 027). Because (a−1)ₙ = (a−1)·(a)ₙ₋₁ and c·(c)ₙ⁻¹ = (c+1)ₙ₋₁⁻¹, the
 * factors 1/(a−1) and c cancel analytically: the result is finite and free of cancellation for
 * a → 1 and a+b+x−1 → 0 alike.
 */
function expectedTransactionsIfAlive(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  const epsilon = a - 1;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const log1mz = -Math.log1p(t / (alpha + T));
  const upper = a + b - 1 - r;
  // c·(F − 1)/(a − 1) as a series: first term (a+b−1−r)·z at n = 1.
  const seriesTail = sumHypergeometricTail(upper, epsilon, c, z, upper * z, 1);
  const leading = epsilon === 0 ? -log1mz : -Math.expm1(epsilon * log1mz) / epsilon;
  return c * leading - Math.exp(epsilon * log1mz) * seriesTail;
}

/**
 * E[X(t)]: expected number of repeat transactions in (0, t] for a randomly chosen new customer
 * (FHL 2005, eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
 */
export function expectedTransactions(params: BgNbdParams, t: number): number {
  assertValidParams(params);
  assertNonNegativeTime(t);
  return expectedTransactionsIfAlive(params, 0, 0, t);
}

/**
 * E[Y(t) | x, t_x, T]: expected transactions in (T, T+t] for a customer with history (x, t_x, T)
 * (FHL 2005, eq. 10) = P(alive | x, t_x, T) · E[transactions in t | alive, x, T].
 */
export function conditionalExpectedTransactions(
  params: BgNbdParams,
  history: CustomerHistory,
  t: number,
): number {
  assertNonNegativeTime(t);
  const pAlive = probabilityAlive(params, history);
  return pAlive * expectedTransactionsIfAlive(params, history.x, history.T, t);
}

/**
 * P(NB ≥ k) for the negative binomial with pmf Γ(r+j)/(Γ(r) j!) · q^r · p^j, p = 1 − q.
 * Uses 1 − head when the head is small, else sums the tail directly, so small tails keep their
 * relative accuracy.
 */
function negativeBinomialUpperTail(r: number, p: number, k: number): number {
  const logQ = Math.log1p(-p);
  let pmf = Math.exp(r * logQ);
  let head = 0;
  for (let j = 0; j < k && head <= 0.5; j++) {
    head += pmf;
    pmf *= ((r + j) / (j + 1)) * p;
  }
  if (head <= 0.5) return 1 - head;
  const logPmfK = logGamma(r + k) - logGamma(r) - logGamma(k + 1) + r * logQ + k * Math.log(p);
  return sumHypergeometricTail(r, 1, 1, p, Math.exp(logPmfK), k);
}

/**
 * P(X(t) = k): probability that a randomly chosen new customer makes exactly k repeat purchases
 * in (0, t] (FHL 2005, eq. 8):
 *
 *   B(a, b+k)/B(a, b) · Γ(r+k)/(Γ(r) k!) · (α/(α+t))^r · (t/(α+t))^k
 *   + [k>0] · B(a+1, b+k−1)/B(a, b) · [1 − (α/(α+t))^r · Σ_{j<k} Γ(r+j)/(Γ(r) j!) · (t/(α+t))^j]
 */
export function probabilityOfPurchases(params: BgNbdParams, t: number, k: number): number {
  assertValidParams(params);
  assertNonNegativeTime(t);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  if (t === 0) return k === 0 ? 1 : 0;
  const { r, alpha, a, b } = params;
  const p = t / (alpha + t);
  const logQ = Math.log(alpha / (alpha + t));
  const logStillAlive =
    logBeta(a, b + k) -
    logBeta(a, b) +
    logGamma(r + k) -
    logGamma(r) -
    logGamma(k + 1) +
    r * logQ +
    k * Math.log(p);
  if (k === 0) return Math.exp(logStillAlive);
  const droppedOut = Math.exp(logBeta(a + 1, b + k - 1) - logBeta(a, b)) * negativeBinomialUpperTail(r, p, k);
  return Math.exp(logStillAlive) + droppedOut;
}
