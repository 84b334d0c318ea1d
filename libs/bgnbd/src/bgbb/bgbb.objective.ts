// Fast evaluation of the BG/BB total log-likelihood over an RF table, with its analytic gradient.
// Identical (x, t_x, n) histories are merged into one weighted row. The dead-term sum of each row is
// accumulated by recurrence (ratios of consecutive beta functions; ψ(z+1) = ψ(z) + 1/z for the
// gradient), so no gamma or digamma function is evaluated inside the O(n − t_x) loop.
import { digamma, logBeta, logGamma } from '../gamma.functions';
import { assertValidBgBbHistory, BgBbParams, BgBbPattern } from './bgbb.types';

const ALPHA = 0;
const BETA = 1;
const GAMMA = 2;
const DELTA = 3;

/** Σ of the scaled dead terms and their ψ-weighted sums, reused across rows (no allocation). */
class DeadSums {
  sum = 0;
  psiAB = 0; // Σ s·ψ(α+β+t_x+i)
  psiB = 0; // Σ s·ψ(β+t_x−x+i)
  psiGD = 0; // Σ s·ψ(γ+δ+t_x+i+1)
  psiD = 0; // Σ s·ψ(δ+t_x+i)
}

/** The BG/BB log-likelihood over a fixed RF table, prepared for repeated evaluation by an optimiser. */
export class BgBbObjective {
  /** Number of customers (sum of pattern counts). */
  readonly customerCount: number;
  /** Number of distinct (x, t_x, n) rows after merging identical patterns. */
  readonly rowCount: number;
  /** Σ count·x / Σ count·n: the pooled share of opportunities with a transaction (for starting values). */
  readonly transactionShare: number;

  private readonly gradientScratch = new Float64Array(4);
  private readonly dead = new DeadSums();

  private constructor(
    private readonly rowX: Float64Array,
    private readonly rowTx: Float64Array,
    private readonly rowN: Float64Array,
    private readonly rowWeight: Float64Array,
  ) {
    this.rowCount = rowX.length;
    let customers = 0;
    let transactions = 0;
    let opportunities = 0;
    for (let i = 0; i < this.rowCount; i++) {
      customers += rowWeight[i];
      transactions += rowWeight[i] * rowX[i];
      opportunities += rowWeight[i] * rowN[i];
    }
    this.customerCount = customers;
    this.transactionShare = opportunities > 0 ? transactions / opportunities : 0;
  }

  /** Validates and merges patterns (counts must be positive integers). */
  static fromPatterns(patterns: readonly BgBbPattern[]): BgBbObjective {
    const rows = new Map<string, { x: number; tx: number; n: number; weight: number }>();
    for (const pattern of patterns) {
      assertValidBgBbHistory(pattern);
      if (!Number.isInteger(pattern.count) || pattern.count < 1) {
        throw new RangeError(`count must be a positive integer, got ${pattern.count}`);
      }
      const key = `${pattern.x}|${pattern.tx}|${pattern.n}`;
      const row = rows.get(key);
      if (row) row.weight += pattern.count;
      else rows.set(key, { x: pattern.x, tx: pattern.tx, n: pattern.n, weight: pattern.count });
    }
    const list = [...rows.values()];
    return new BgBbObjective(
      Float64Array.from(list, (row) => row.x),
      Float64Array.from(list, (row) => row.tx),
      Float64Array.from(list, (row) => row.n),
      Float64Array.from(list, (row) => row.weight),
    );
  }

  /** Total log-likelihood at the given parameters. */
  logLikelihood(params: BgBbParams): number {
    return this.evaluate(params.alpha, params.beta, params.gamma, params.delta, null);
  }

  /** Total log-likelihood, with its gradient with respect to (α, β, γ, δ) written into `gradient`. */
  logLikelihoodWithGradient(params: BgBbParams, gradient: Float64Array): number {
    return this.evaluate(params.alpha, params.beta, params.gamma, params.delta, gradient);
  }

  /** The optimiser's objective: −LL at θ = exp(φ), with ∂(−LL)/∂φ = −θ·∂LL/∂θ in `gradient`. */
  negativeLogLikelihoodInLogSpace(phi: Float64Array, gradient: Float64Array): number {
    const theta = [ALPHA, BETA, GAMMA, DELTA].map((k) => Math.exp(phi[k]));
    const ll = this.evaluate(theta[ALPHA], theta[BETA], theta[GAMMA], theta[DELTA], this.gradientScratch);
    for (let k = 0; k < 4; k++) gradient[k] = -theta[k] * this.gradientScratch[k];
    return -ll;
  }

  private evaluate(a: number, b: number, g: number, d: number, gradient: Float64Array | null): number {
    const count = this.customerCount;
    let ll = -count * (logBeta(a, b) + logBeta(g, d));
    if (gradient) {
      const [psiAB, psiGD] = [digamma(a + b), digamma(g + d)];
      gradient[ALPHA] = count * (psiAB - digamma(a));
      gradient[BETA] = count * (psiAB - digamma(b));
      gradient[GAMMA] = count * (psiGD - digamma(g));
      gradient[DELTA] = count * (psiGD - digamma(d));
    }
    for (let i = 0; i < this.rowCount; i++) ll += this.addRow(i, a, b, g, d, gradient);
    return ll;
  }

  /** weight · ln(alive term + dead terms) for row i, without the −ln B(α,β) − ln B(γ,δ) constant. */
  private addRow(
    i: number,
    a: number,
    b: number,
    g: number,
    d: number,
    gradient: Float64Array | null,
  ): number {
    const [x, tx, n, w] = [this.rowX[i], this.rowTx[i], this.rowN[i], this.rowWeight[i]];
    const lgAx = logGamma(a + x);
    const uAlive =
      lgAx + logGamma(b + n - x) - logGamma(a + b + n) + logGamma(g) + logGamma(d + n) - logGamma(g + d + n);
    if (tx === n) {
      if (gradient) this.addAliveGradient(gradient, w, a, b, g, d, x, n);
      return w * uAlive;
    }
    const uFirstDead =
      lgAx +
      logGamma(b + tx - x) -
      logGamma(a + b + tx) +
      logGamma(g + 1) +
      logGamma(d + tx) -
      logGamma(g + d + tx + 1);
    this.accumulateDeadTerms(a, b, g, d, x, tx, n, gradient !== null);
    const uDead = uFirstDead + Math.log(this.dead.sum);
    const e = Math.exp(-Math.abs(uAlive - uDead));
    if (gradient) {
      const wAlive = uAlive >= uDead ? 1 / (1 + e) : e / (1 + e); // posterior P(alive at n)
      this.addAliveGradient(gradient, w * wAlive, a, b, g, d, x, n);
      this.addDeadGradient(gradient, w * (1 - wAlive), a, g, x);
    }
    return w * (Math.max(uAlive, uDead) + Math.log1p(e));
  }

  /** weight · ∂u_alive/∂θ, u_alive = ln Γ(α+x)+ln Γ(β+n−x)−ln Γ(α+β+n)+ln Γ(γ)+ln Γ(δ+n)−ln Γ(γ+δ+n). */
  private addAliveGradient(
    gradient: Float64Array,
    weight: number,
    a: number,
    b: number,
    g: number,
    d: number,
    x: number,
    n: number,
  ): void {
    const psiABn = digamma(a + b + n);
    const psiGDn = digamma(g + d + n);
    gradient[ALPHA] += weight * (digamma(a + x) - psiABn);
    gradient[BETA] += weight * (digamma(b + n - x) - psiABn);
    gradient[GAMMA] += weight * (digamma(g) - psiGDn);
    gradient[DELTA] += weight * (digamma(d + n) - psiGDn);
  }

  /** weight · Σᵢ sᵢ ∂u_i/∂θ / Σᵢ sᵢ for the dead terms accumulated in {@link dead}. */
  private addDeadGradient(gradient: Float64Array, weight: number, a: number, g: number, x: number): void {
    const { sum, psiAB, psiB, psiGD, psiD } = this.dead;
    gradient[ALPHA] += weight * (digamma(a + x) - psiAB / sum);
    gradient[BETA] += weight * ((psiB - psiAB) / sum);
    gradient[GAMMA] += weight * (digamma(g) + 1 / g - psiGD / sum);
    gradient[DELTA] += weight * ((psiD - psiGD) / sum);
  }

  /**
   * Dead terms i = 0..n−t_x−1 scaled by the first: s₀ = 1, s_{i+1} = s_i·(β+t_x−x+i)(δ+t_x+i) /
   * ((α+β+t_x+i)(γ+δ+t_x+i+1)) ∈ (0, s_i); with the gradient, the four varying digammas advance by
   * ψ(z+1) = ψ(z) + 1/z.
   */
  private accumulateDeadTerms(
    a: number,
    b: number,
    g: number,
    d: number,
    x: number,
    tx: number,
    n: number,
    withGradient: boolean,
  ): void {
    const dead = this.dead;
    let zAB = a + b + tx;
    let zB = b + tx - x;
    let zGD = g + d + tx + 1;
    let zD = d + tx;
    let pAB = withGradient ? digamma(zAB) : 0;
    let pB = withGradient ? digamma(zB) : 0;
    let pGD = withGradient ? digamma(zGD) : 0;
    let pD = withGradient ? digamma(zD) : 0;
    let s = 1;
    dead.sum = dead.psiAB = dead.psiB = dead.psiGD = dead.psiD = 0;
    for (let i = tx; i < n; i++) {
      dead.sum += s;
      if (withGradient) {
        dead.psiAB += s * pAB;
        dead.psiB += s * pB;
        dead.psiGD += s * pGD;
        dead.psiD += s * pD;
        pAB += 1 / zAB;
        pB += 1 / zB;
        pGD += 1 / zGD;
        pD += 1 / zD;
      }
      s *= (zB * zD) / (zAB * zGD);
      zAB += 1;
      zB += 1;
      zGD += 1;
      zD += 1;
    }
  }
}
