// Fast evaluation of the BG/BB total log-likelihood over an RF table, with its analytic gradient.
// Identical (x, t_x, n) histories are merged into one weighted row. Every gamma and digamma value a
// row needs has an integer offset (α+x, β+k, α+β+k, δ+k, γ+δ+k), so each evaluation tabulates them
// once for k up to max n, and the O(n − t_x) dead-term sum of a row is a recurrence over ratios of
// consecutive beta functions: no special function is evaluated per row.
import { digamma, logBeta, logGamma } from '../gamma.functions';
import { assertValidBgBbHistory, BgBbParams, BgBbPattern } from './bgbb.types';

const ALPHA = 0;
const BETA = 1;
const GAMMA = 2;
const DELTA = 3;

/** Σ of the scaled dead terms and their ψ-weighted sums, reused across rows (no allocation). */
class DeadSums {
  sum = 0;
  psiAB = 0; // Σ s·ψ(α+β+j), j = t_x … n−1
  psiB = 0; // Σ s·ψ(β+j−x)
  psiGD = 0; // Σ s·ψ(γ+δ+j+1)
  psiD = 0; // Σ s·ψ(δ+j)
}

/** ln Γ and ψ at α+x (x ≤ maxX) and at β+k, α+β+k, δ+k, γ+δ+k (k ≤ maxN+1), for one parameter point. */
class GammaTables {
  readonly lgA: Float64Array;
  readonly psiA: Float64Array;
  readonly lg: Record<'b' | 'ab' | 'd' | 'gd', Float64Array>;
  readonly psi: Record<'b' | 'ab' | 'd' | 'gd', Float64Array>;

  constructor(maxX: number, maxN: number) {
    const table = () => new Float64Array(maxN + 2);
    [this.lgA, this.psiA] = [new Float64Array(maxX + 1), new Float64Array(maxX + 1)];
    this.lg = { b: table(), ab: table(), d: table(), gd: table() };
    this.psi = { b: table(), ab: table(), d: table(), gd: table() };
  }

  fill(a: number, b: number, g: number, d: number, withDigamma: boolean): void {
    for (let x = 0; x < this.lgA.length; x++) {
      this.lgA[x] = logGamma(a + x);
      if (withDigamma) this.psiA[x] = digamma(a + x);
    }
    const offsets = { b, ab: a + b, d, gd: g + d };
    for (const key of ['b', 'ab', 'd', 'gd'] as const) {
      const [lg, psi, base] = [this.lg[key], this.psi[key], offsets[key]];
      for (let k = 0; k < lg.length; k++) {
        lg[k] = logGamma(base + k);
        if (withDigamma) psi[k] = digamma(base + k);
      }
    }
  }
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
  private readonly tables: GammaTables;

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
    this.tables = new GammaTables(Math.max(0, ...rowX), Math.max(0, ...rowN));
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
    this.tables.fill(a, b, g, d, gradient !== null);
    let ll = -count * (logBeta(a, b) + logBeta(g, d));
    if (gradient) {
      const [psiAB, psiGD] = [digamma(a + b), digamma(g + d)];
      gradient[ALPHA] = count * (psiAB - digamma(a));
      gradient[BETA] = count * (psiAB - digamma(b));
      gradient[GAMMA] = count * (psiGD - digamma(g));
      gradient[DELTA] = count * (psiGD - digamma(d));
    }
    const lgG = logGamma(g);
    const psiG = gradient ? digamma(g) : 0;
    for (let i = 0; i < this.rowCount; i++) ll += this.addRow(i, a, b, g, d, lgG, psiG, gradient);
    return ll;
  }

  /**
   * weight · ln(alive term + dead terms) for row i, without the −ln B(α,β) − ln B(γ,δ) constant:
   * u_alive = ln Γ(α+x) + ln Γ(β+n−x) − ln Γ(α+β+n) + ln Γ(γ) + ln Γ(δ+n) − ln Γ(γ+δ+n), and the
   * first dead term the same at t_x with γ+1 (ln Γ(γ+1) = ln Γ(γ) + ln γ).
   */
  private addRow(
    i: number,
    a: number,
    b: number,
    g: number,
    d: number,
    lgG: number,
    psiG: number,
    gradient: Float64Array | null,
  ): number {
    const [x, tx, n, w] = [this.rowX[i], this.rowTx[i], this.rowN[i], this.rowWeight[i]];
    const { lgA, lg } = this.tables;
    const uAlive = lgA[x] + lg.b[n - x] - lg.ab[n] + lgG + lg.d[n] - lg.gd[n];
    if (tx === n) {
      if (gradient) this.addAliveGradient(gradient, w, x, n, psiG);
      return w * uAlive;
    }
    const uFirstDead = lgA[x] + lg.b[tx - x] - lg.ab[tx] + lgG + Math.log(g) + lg.d[tx] - lg.gd[tx + 1];
    this.accumulateDeadTerms(a, b, g, d, x, tx, n, gradient !== null);
    const uDead = uFirstDead + Math.log(this.dead.sum);
    const e = Math.exp(-Math.abs(uAlive - uDead));
    if (gradient) {
      const wAlive = uAlive >= uDead ? 1 / (1 + e) : e / (1 + e); // posterior P(alive at n)
      this.addAliveGradient(gradient, w * wAlive, x, n, psiG);
      this.addDeadGradient(gradient, w * (1 - wAlive), x, g, psiG);
    }
    return w * (Math.max(uAlive, uDead) + Math.log1p(e));
  }

  /** weight · ∂u_alive/∂θ. */
  private addAliveGradient(gradient: Float64Array, weight: number, x: number, n: number, psiG: number): void {
    const { psiA, psi } = this.tables;
    gradient[ALPHA] += weight * (psiA[x] - psi.ab[n]);
    gradient[BETA] += weight * (psi.b[n - x] - psi.ab[n]);
    gradient[GAMMA] += weight * (psiG - psi.gd[n]);
    gradient[DELTA] += weight * (psi.d[n] - psi.gd[n]);
  }

  /** weight · Σ s_j ∂u_j/∂θ / Σ s_j over the dead terms accumulated in {@link dead}; ψ(γ+1) = ψ(γ) + 1/γ. */
  private addDeadGradient(gradient: Float64Array, weight: number, x: number, g: number, psiG: number): void {
    const { sum, psiAB, psiB, psiGD, psiD } = this.dead;
    gradient[ALPHA] += weight * (this.tables.psiA[x] - psiAB / sum);
    gradient[BETA] += weight * ((psiB - psiAB) / sum);
    gradient[GAMMA] += weight * (psiG + 1 / g - psiGD / sum);
    gradient[DELTA] += weight * ((psiD - psiGD) / sum);
  }

  /**
   * Dead terms j = t_x … n−1 (death at the start of opportunity j+1) scaled by the first: s = 1, then
   * s ← s·(β+j−x)(δ+j) / ((α+β+j)(γ+δ+j+1)), a ratio in (0, 1), so the sum is at most n − t_x and
   * free of cancellation. With the gradient, the ψ-weighted sums read the tabulated digammas.
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
    const psi = this.tables.psi;
    let s = 1;
    dead.sum = dead.psiAB = dead.psiB = dead.psiGD = dead.psiD = 0;
    for (let j = tx; j < n; j++) {
      dead.sum += s;
      if (withGradient) {
        dead.psiAB += s * psi.ab[j];
        dead.psiB += s * psi.b[j - x];
        dead.psiGD += s * psi.gd[j + 1];
        dead.psiD += s * psi.d[j];
      }
      s *= ((b + j - x) * (d + j)) / ((a + b + j) * (g + d + j + 1));
    }
  }
}
