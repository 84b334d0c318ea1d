// Gauss's hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1.
import { logGamma } from './gamma.functions';

const RELATIVE_TOLERANCE = 1e-16;
const MAX_TERMS = 5_000_000;

/**
 * Sums a power series whose term ratio is t(n+1)/t(n) = (p+n)(q+n)/((s+n)(n+1))·z, starting from
 * `firstTerm` at index `startIndex`. Stops when the geometric bound on the remaining tail is below
 * 1e-16 of the sum, or when the series terminates (a zero term). Throws when it does not converge.
 */
export function sumHypergeometricTail(
  p: number,
  q: number,
  s: number,
  z: number,
  firstTerm: number,
  startIndex: number,
): number {
  let term = firstTerm;
  let sum = firstTerm;
  for (let n = startIndex; n < startIndex + MAX_TERMS; n++) {
    if (term === 0) return sum;
    const ratio = ((p + n) * (q + n) * z) / ((s + n) * (n + 1));
    term *= ratio;
    sum += term;
    const absRatio = Math.abs(ratio);
    const absTerm = Math.abs(term);
    // The ratio tends to z (|z| < 1); once below 1 the remaining tail is at most |term|·ρ/(1−ρ).
    // Subnormal terms stop the sum too: multiplying them by ρ can round back to the same value.
    if (
      absRatio < 1 &&
      ((absTerm * absRatio) / (1 - absRatio) <= RELATIVE_TOLERANCE * Math.abs(sum) || absTerm < 1e-300)
    ) {
      return sum;
    }
  }
  throw new RangeError(`hypergeometric series did not converge in ${MAX_TERMS} terms (z=${z})`);
}

/** Γ(x) sign for real x that is not a pole. */
function gammaSign(x: number): number {
  return x > 0 || Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Gauss's theorem: 2F1(a,b;c;1) = Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)), valid when c − a − b > 0. */
function hyp2f1AtOne(a: number, b: number, c: number): number {
  if (!(c - a - b > 0)) throw new RangeError('2F1(a,b;c;1) diverges unless c − a − b > 0');
  const sign = gammaSign(c) * gammaSign(c - a - b) * gammaSign(c - a) * gammaSign(c - b);
  return sign * Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real a, b, c and real z ≤ 1.
 *
 * - 0 ≤ z < 1: the defining power series Σ (a)ₙ(b)ₙ/(c)ₙ · zⁿ/n!.
 * - z < 0 (including z ≤ −1, where the series diverges): Pfaff's transformation
 *   2F1(a,b;c;z) = (1−z)^(−a) · 2F1(a, c−b; c; z/(z−1)), which maps z into [0, 1).
 * - z = 1: Gauss's theorem (requires c − a − b > 0).
 *
 * Throws RangeError for z > 1 (the principal branch is complex there) and for c a non-positive
 * integer. Convergence slows as the series argument approaches 1 (about 37/(1−z) terms).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if ([a, b, c, z].some(Number.isNaN)) return NaN;
  if (c <= 0 && Number.isInteger(c)) throw new RangeError('2F1 is undefined for c = 0, −1, −2, …');
  if (z > 1) throw new RangeError('2F1 is real-valued only for z ≤ 1');
  if (z === 1) return hyp2f1AtOne(a, b, c);
  if (z < 0) {
    const w = z / (z - 1);
    return Math.pow(1 - z, -a) * sumHypergeometricTail(a, c - b, c, w, 1, 0);
  }
  return sumHypergeometricTail(a, b, c, z, 1, 0);
}
