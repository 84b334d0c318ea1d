// L2-regularised logistic regression fitted by iteratively reweighted least squares (Newton's method):
// each step solves (XᵀWX + λI′) Δ = Xᵀ(y − p) − λI′β by Cholesky, I′ leaving the intercept unpenalised.
// Small dense problems only (tens of features, up to ~10⁶ rows).

/** A fitted logistic regression: P(y) = σ(intercept + Σ coefficients·x). */
export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
  /** Penalised log-likelihood at the solution. */
  logLikelihood: number;
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** Solves A x = b for a symmetric positive-definite A (Cholesky, in place on copies); null when not PD. */
export function solveSpd(a: readonly number[][], b: readonly number[]): number[] | null {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** One Newton step's system: gradient and Hessian of the penalised log-likelihood (θ = [intercept, β]). */
function newtonSystem(
  rows: readonly number[][],
  y: readonly boolean[],
  theta: number[],
  lambda: number,
  weights?: readonly number[],
) {
  const d = theta.length;
  const g = theta.map((t, j) => (j === 0 ? 0 : -lambda * t));
  const h = theta.map((_, i) => theta.map((__, j) => (i === j && i > 0 ? lambda : 0)));
  let ll = -0.5 * lambda * theta.slice(1).reduce((s, t) => s + t * t, 0);
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r];
    const w = weights?.[r] ?? 1;
    let z = theta[0];
    for (let j = 1; j < d; j++) z += theta[j] * x[j - 1];
    const p = sigmoid(z);
    const target = y[r] ? 1 : 0;
    ll += w * (target ? Math.log(Math.max(p, 1e-300)) : Math.log(Math.max(1 - p, 1e-300)));
    const resid = w * (target - p);
    const curv = w * p * (1 - p);
    for (let i = 0; i < d; i++) {
      const xi = i === 0 ? 1 : x[i - 1];
      g[i] += resid * xi;
      for (let j = 0; j <= i; j++) h[i][j] += curv * xi * (j === 0 ? 1 : x[j - 1]);
    }
  }
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) h[i][j] = h[j][i];
  return { g, h, ll };
}

const add = (theta: readonly number[], step: readonly number[], scale: number): number[] =>
  theta.map((t, j) => t + scale * step[j]);

function penalisedLogLikelihood(
  rows: readonly number[][],
  y: readonly boolean[],
  theta: readonly number[],
  options: { lambda: number; weights?: readonly number[] },
): number {
  let ll = -0.5 * options.lambda * theta.slice(1).reduce((s, t) => s + t * t, 0);
  for (let r = 0; r < rows.length; r++) {
    let z = theta[0];
    for (let j = 1; j < theta.length; j++) z += theta[j] * rows[r][j - 1];
    const p = sigmoid(z);
    ll += (options.weights?.[r] ?? 1) * Math.log(Math.max(y[r] ? p : 1 - p, 1e-300));
  }
  return ll;
}

/**
 * Fits P(y | x) by IRLS with an L2 penalty `lambda` on the coefficients (not the intercept);
 * optional per-row weights. Stops when the largest step is below `tolerance`.
 */
export function fitLogistic(
  rows: readonly number[][],
  y: readonly boolean[],
  options: { lambda: number; maxIterations?: number; tolerance?: number; weights?: readonly number[] },
): LogisticFit {
  const d = (rows[0]?.length ?? 0) + 1;
  const positives = y.filter(Boolean).length;
  const prior = (positives + 0.5) / (y.length + 1);
  const theta = new Array<number>(d).fill(0);
  theta[0] = Math.log(prior / (1 - prior));
  const maxIterations = options.maxIterations ?? 50;
  let ll = -Infinity;
  for (let it = 1; it <= maxIterations; it++) {
    const system = newtonSystem(rows, y, theta, options.lambda, options.weights);
    ll = system.ll;
    const step = solveSpd(system.h, system.g);
    if (step === null) break;
    // Backtracking: a full Newton step can overshoot on (near-)collinear features; halve it until the
    // penalised log-likelihood does not fall.
    let scale = 1;
    while (scale > 1e-6 && penalisedLogLikelihood(rows, y, add(theta, step, scale), options) < ll - 1e-9)
      scale /= 2;
    theta.forEach((_, j) => (theta[j] += scale * step[j]));
    if (Math.max(...step.map(Math.abs)) * scale < (options.tolerance ?? 1e-8))
      return {
        intercept: theta[0],
        coefficients: theta.slice(1),
        iterations: it,
        converged: true,
        logLikelihood: ll,
      };
  }
  return {
    intercept: theta[0],
    coefficients: theta.slice(1),
    iterations: maxIterations,
    converged: false,
    logLikelihood: ll,
  };
}
