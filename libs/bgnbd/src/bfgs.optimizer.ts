// Unconstrained minimisation by BFGS (inverse-Hessian form) with a backtracking Armijo line search.
// Generic over the dimension; the BG/NBD fitter uses it on the four log-parameters.

/** f(x), writing ∇f(x) into `gradient`. Non-finite values are treated as "too far" by the line search. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/** Stopping rules and safeguards for {@link minimiseBfgs}. */
export interface BfgsOptions {
  /** Stop when ‖∇f‖∞ ≤ gradientTolerance · max(1, |f|). Default 1e-9. */
  readonly gradientTolerance?: number;
  /** Stop when |Δf| ≤ functionTolerance · max(1, |f|) and ‖Δx‖∞ ≤ stepTolerance. Default 1e-14. */
  readonly functionTolerance?: number;
  /** See functionTolerance. Default 1e-9. */
  readonly stepTolerance?: number;
  /** Iteration cap. Default 500. */
  readonly maxIterations?: number;
  /** Longest step (∞-norm) tried by the line search; guards against overflow. Default 2. */
  readonly maxStep?: number;
  /** Each coordinate is kept within ±bound. Default 30 (for log-parameters: e^±30). */
  readonly bound?: number;
}

/** Outcome of {@link minimiseBfgs}. */
export interface BfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

const ARMIJO_C1 = 1e-4;
const MAX_BACKTRACKS = 60;

/** Reusable work arrays: one allocation per minimisation, none per iteration. */
class BfgsState {
  readonly n: number;
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly xNew: Float64Array;
  readonly gNew: Float64Array;
  readonly direction: Float64Array;
  readonly s: Float64Array;
  readonly y: Float64Array;
  readonly hy: Float64Array;
  readonly h: Float64Array; // inverse Hessian, row-major n×n
  value = Infinity;
  evaluations = 0;
  hessianIsIdentity = true;

  constructor(x0: ArrayLike<number>) {
    this.n = x0.length;
    const n = this.n;
    this.x = Float64Array.from(x0);
    [this.g, this.xNew, this.gNew, this.direction, this.s, this.y, this.hy] = Array.from(
      { length: 7 },
      () => new Float64Array(n),
    );
    this.h = new Float64Array(n * n);
    this.resetHessian(1);
  }

  resetHessian(scale: number): void {
    this.h.fill(0);
    for (let i = 0; i < this.n; i++) this.h[i * this.n + i] = scale;
    this.hessianIsIdentity = true;
  }
}

function infNorm(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i] * v[i];
  return sum;
}

/** direction = −H·g, falling back to steepest descent when H·g is not a descent direction. */
function computeDirection(state: BfgsState, maxStep: number): number {
  const { n, h, g, direction } = state;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum -= h[i * n + j] * g[j];
    direction[i] = sum;
  }
  if (!(dot(direction, g) < 0)) {
    state.resetHessian(1);
    for (let i = 0; i < n; i++) direction[i] = -g[i];
  }
  const length = infNorm(direction);
  if (length > maxStep) for (let i = 0; i < n; i++) direction[i] *= maxStep / length;
  return dot(direction, g);
}

/** Backtracking with safeguarded quadratic interpolation; leaves the accepted point in xNew/gNew. */
function lineSearch(state: BfgsState, f: ObjectiveWithGradient, slope: number, bound: number): boolean {
  const { n, x, xNew, gNew, direction } = state;
  let step = 1;
  for (let k = 0; k < MAX_BACKTRACKS; k++) {
    for (let i = 0; i < n; i++) xNew[i] = Math.min(bound, Math.max(-bound, x[i] + step * direction[i]));
    const value = f(xNew, gNew);
    state.evaluations++;
    if (Number.isFinite(value) && value <= state.value + ARMIJO_C1 * step * slope) {
      state.value = value;
      return true;
    }
    // Minimiser of the quadratic through f(0), f'(0) and f(step), kept within [0.1, 0.5]·step.
    const quadratic = Number.isFinite(value)
      ? (-slope * step * step) / (2 * (value - state.value - slope * step))
      : 0;
    step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
  }
  return false;
}

/** Inverse-Hessian BFGS update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ; skipped when sᵀy ≤ 0. */
function updateInverseHessian(state: BfgsState): void {
  const { n, h, s, y, hy } = state;
  const sy = dot(s, y);
  if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
  if (state.hessianIsIdentity) state.resetHessian(sy / dot(y, y)); // Nocedal & Wright's initial scaling
  state.hessianIsIdentity = false;
  const rho = 1 / sy;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i * n + j] * y[j];
    hy[i] = sum;
  }
  const yHy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

/**
 * Minimises f from x0 by BFGS. A failed line search resets the inverse Hessian to the identity
 * once; a second consecutive failure ends the run (converged = false unless the gradient is small).
 */
export function minimiseBfgs(
  f: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: BfgsOptions = {},
): BfgsResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const ftol = options.functionTolerance ?? 1e-14;
  const xtol = options.stepTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 2;
  const bound = options.bound ?? 30;
  const state = new BfgsState(x0);
  state.value = f(state.x, state.g);
  state.evaluations = 1;
  if (!Number.isFinite(state.value)) throw new RangeError('objective is not finite at the starting point');
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    if (infNorm(state.g) <= gtol * Math.max(1, Math.abs(state.value))) {
      converged = true;
      break;
    }
    iterations++;
    const previous = state.value;
    const slope = computeDirection(state, maxStep);
    if (!lineSearch(state, f, slope, bound)) {
      if (state.hessianIsIdentity) break;
      state.resetHessian(1);
      continue;
    }
    for (let i = 0; i < state.n; i++) {
      state.s[i] = state.xNew[i] - state.x[i];
      state.y[i] = state.gNew[i] - state.g[i];
    }
    state.x.set(state.xNew);
    state.g.set(state.gNew);
    updateInverseHessian(state);
    const smallChange = previous - state.value <= ftol * Math.max(1, Math.abs(state.value));
    converged = smallChange && infNorm(state.s) <= xtol;
  }
  const gradientNorm = infNorm(state.g);
  converged ||= gradientNorm <= gtol * Math.max(1, Math.abs(state.value));
  return {
    x: state.x,
    value: state.value,
    gradientNorm,
    iterations,
    evaluations: state.evaluations,
    converged,
  };
}

/**
 * {@link minimiseBfgs}, restarted from the best point (with a fresh inverse Hessian) up to
 * `maxRestarts` times while a run ends unconverged. Iterations and evaluations are summed over runs.
 */
export function minimiseBfgsWithRestarts(
  f: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: BfgsOptions = {},
  maxRestarts = 3,
): BfgsResult {
  let run = minimiseBfgs(f, x0, options);
  let iterations = run.iterations;
  let evaluations = run.evaluations;
  for (let restart = 0; restart < maxRestarts && !run.converged; restart++) {
    run = minimiseBfgs(f, run.x, options);
    iterations += run.iterations;
    evaluations += run.evaluations;
  }
  return { ...run, iterations, evaluations };
}
