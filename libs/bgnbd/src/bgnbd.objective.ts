// Fast, allocation-free evaluation of the BG/NBD total log-likelihood and its analytic gradient.
// Customers with identical (x, t_x, T) are merged into one weighted row, and rows are grouped by x
// so the gamma-function terms are computed once per distinct x instead of once per customer.
import { assertValidHistory, BgNbdParams, CustomerHistory } from './bgnbd.types';
import { digamma, logGamma } from './gamma.functions';

/** Indices into the gradient arrays: ∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b. */
const R = 0;
const ALPHA = 1;
const A = 2;
const B = 3;

/** The BG/NBD log-likelihood over a fixed data set, prepared for repeated evaluation by an optimiser. */
export class BgNbdObjective {
  /** Number of customers (sum of row weights). */
  readonly customerCount: number;
  /** Number of distinct (x, t_x, T) rows after merging identical customers. */
  readonly rowCount: number;
  /** Mean T and mean x over customers, used for starting values. */
  readonly meanT: number;
  readonly meanX: number;

  private readonly gradientScratch = new Float64Array(4);

  private constructor(
    private readonly groupX: Float64Array,
    private readonly groupWeight: Float64Array,
    private readonly groupStart: Int32Array,
    private readonly rowTx: Float64Array,
    private readonly rowT: Float64Array,
    private readonly rowWeight: Float64Array,
  ) {
    this.rowCount = rowT.length;
    let n = 0;
    let sumT = 0;
    let sumX = 0;
    for (let i = 0; i < this.rowCount; i++) {
      n += rowWeight[i];
      sumT += rowWeight[i] * rowT[i];
    }
    for (let g = 0; g < groupX.length; g++) sumX += groupWeight[g] * groupX[g];
    this.customerCount = n;
    this.meanT = n > 0 ? sumT / n : 0;
    this.meanX = n > 0 ? sumX / n : 0;
  }

  /** Validates and compiles histories into weighted rows grouped by x. */
  static fromHistories(histories: readonly CustomerHistory[]): BgNbdObjective {
    const counts = new Map<string, { x: number; tx: number; T: number; weight: number }>();
    for (const history of histories) {
      assertValidHistory(history);
      const key = `${history.x}|${history.tx}|${history.T}`;
      const row = counts.get(key);
      if (row) row.weight += 1;
      else counts.set(key, { x: history.x, tx: history.tx, T: history.T, weight: 1 });
    }
    const rows = [...counts.values()].sort((p, q) => p.x - q.x);
    const distinctX = [...new Set(rows.map((row) => row.x))];
    const groupStart = new Int32Array(distinctX.length + 1);
    const groupWeight = new Float64Array(distinctX.length);
    let g = -1;
    rows.forEach((row, i) => {
      if (g < 0 || distinctX[g] !== row.x) groupStart[++g] = i;
      groupWeight[g] += row.weight;
    });
    groupStart[distinctX.length] = rows.length;
    return new BgNbdObjective(
      Float64Array.from(distinctX),
      groupWeight,
      groupStart,
      Float64Array.from(rows, (row) => row.tx),
      Float64Array.from(rows, (row) => row.T),
      Float64Array.from(rows, (row) => row.weight),
    );
  }

  /** Total log-likelihood at the given parameters. */
  logLikelihood(params: BgNbdParams): number {
    return this.evaluate(params.r, params.alpha, params.a, params.b, null);
  }

  /**
   * Total log-likelihood and its gradient with respect to (r, α, a, b), written into `gradient`.
   */
  logLikelihoodWithGradient(params: BgNbdParams, gradient: Float64Array): number {
    return this.evaluate(params.r, params.alpha, params.a, params.b, gradient);
  }

  /**
   * The optimiser's objective: −LL at θ = exp(φ), with ∂(−LL)/∂φ = −θ·∂LL/∂θ written into
   * `gradient`. Working in log-parameters keeps every parameter positive without constraints.
   */
  negativeLogLikelihoodInLogSpace(phi: Float64Array, gradient: Float64Array): number {
    const r = Math.exp(phi[R]);
    const alpha = Math.exp(phi[ALPHA]);
    const a = Math.exp(phi[A]);
    const b = Math.exp(phi[B]);
    const ll = this.evaluate(r, alpha, a, b, this.gradientScratch);
    gradient[R] = -r * this.gradientScratch[R];
    gradient[ALPHA] = -alpha * this.gradientScratch[ALPHA];
    gradient[A] = -a * this.gradientScratch[A];
    gradient[B] = -b * this.gradientScratch[B];
    return -ll;
  }

  private evaluate(r: number, alpha: number, a: number, b: number, gradient: Float64Array | null): number {
    const logAlpha = Math.log(alpha);
    let ll = this.customerCount * r * logAlpha;
    if (gradient) {
      gradient[R] = this.customerCount * logAlpha;
      gradient[ALPHA] = (this.customerCount * r) / alpha;
      gradient[A] = 0;
      gradient[B] = 0;
    }
    ll += this.addGammaTerms(r, a, b, gradient);
    for (let g = 0; g < this.groupX.length; g++) {
      const x = this.groupX[g];
      ll +=
        x === 0
          ? this.addZeroRepeatRows(g, r, alpha, gradient)
          : this.addRepeatRows(g, x, r, alpha, a, b, gradient);
    }
    return ll;
  }

  /** Σ over x-groups of weight · (ln Γ(r+x) − ln Γ(r) + ln B(a, b+x) − ln B(a, b)), plus its gradient. */
  private addGammaTerms(r: number, a: number, b: number, gradient: Float64Array | null): number {
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const psiR = gradient ? digamma(r) : 0;
    const psiB = gradient ? digamma(b) : 0;
    const psiAB = gradient ? digamma(a + b) : 0;
    let ll = 0;
    for (let g = 0; g < this.groupX.length; g++) {
      const x = this.groupX[g];
      if (x === 0) continue; // every term vanishes at x = 0
      const w = this.groupWeight[g];
      ll += w * (logGamma(r + x) - lgR + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x));
      if (gradient) {
        const dAB = psiAB - digamma(a + b + x);
        gradient[R] += w * (digamma(r + x) - psiR);
        gradient[A] += w * dAB;
        gradient[B] += w * (dAB + digamma(b + x) - psiB);
      }
    }
    return ll;
  }

  /** Rows with x = 0: ln L = … − r·ln(α+T); no second term. */
  private addZeroRepeatRows(g: number, r: number, alpha: number, gradient: Float64Array | null): number {
    let ll = 0;
    for (let i = this.groupStart[g]; i < this.groupStart[g + 1]; i++) {
      const w = this.rowWeight[i];
      const alphaT = alpha + this.rowT[i];
      const logAlphaT = Math.log(alphaT);
      ll -= w * r * logAlphaT;
      if (gradient) {
        gradient[R] -= w * logAlphaT;
        gradient[ALPHA] -= (w * r) / alphaT;
      }
    }
    return ll;
  }

  /** Rows with x > 0: ln(e^{ln A₃} + e^{ln A₄}) by log-sum-exp, with the mixture weights for the gradient. */
  private addRepeatRows(
    g: number,
    x: number,
    r: number,
    alpha: number,
    a: number,
    b: number,
    gradient: Float64Array | null,
  ): number {
    const rx = r + x;
    const logA4Constant = Math.log(a) - Math.log(b + x - 1);
    let ll = 0;
    for (let i = this.groupStart[g]; i < this.groupStart[g + 1]; i++) {
      const w = this.rowWeight[i];
      const alphaT = alpha + this.rowT[i];
      const alphaTx = alpha + this.rowTx[i];
      const logAlphaT = Math.log(alphaT);
      const logAlphaTx = Math.log(alphaTx);
      const u3 = -rx * logAlphaT;
      const u4 = logA4Constant - rx * logAlphaTx;
      const e = Math.exp(-Math.abs(u3 - u4));
      ll += w * (Math.max(u3, u4) + Math.log1p(e));
      if (gradient) {
        const w3 = u3 >= u4 ? 1 / (1 + e) : e / (1 + e); // share of the "still alive at T" term
        const w4 = 1 - w3;
        gradient[R] -= w * (w3 * logAlphaT + w4 * logAlphaTx);
        gradient[ALPHA] -= w * rx * (w3 / alphaT + w4 / alphaTx);
        gradient[A] += (w * w4) / a;
        gradient[B] -= (w * w4) / (b + x - 1);
      }
    }
    return ll;
  }
}
