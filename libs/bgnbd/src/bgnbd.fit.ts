// Maximum-likelihood estimation of the BG/NBD parameters.
import { BfgsOptions, minimiseBfgsWithRestarts } from './bfgs.optimizer';
import { BgNbdObjective } from './bgnbd.objective';
import { BgNbdParams, CustomerHistory } from './bgnbd.types';

/** Options for {@link fitBgNbd}. */
export interface BgNbdFitOptions extends BfgsOptions {
  /** Starting point; by default r = 1, a = 1, b = 1 and α = mean(T)/max(mean(x), 0.1)·r. */
  readonly initial?: BgNbdParams;
  /** How many times to restart BFGS from the best point when a run ends unconverged. Default 3. */
  readonly maxRestarts?: number;
}

/** Result of a maximum-likelihood fit. */
export interface BgNbdFitResult {
  readonly params: BgNbdParams;
  /** Total log-likelihood at `params`. */
  readonly logLikelihood: number;
  /** BFGS iterations, summed over restarts. */
  readonly iterations: number;
  /** Objective (and gradient) evaluations, summed over restarts. */
  readonly evaluations: number;
  /** True when the last run met the gradient or function/step tolerance. */
  readonly converged: boolean;
  /** ‖∂(−LL)/∂ ln θ‖∞ at the solution. */
  readonly gradientNorm: number;
  /** Wall-clock fit time in milliseconds, including data preparation. */
  readonly ms: number;
  readonly customerCount: number;
}

/**
 * Sensible default start: unit shapes, and α chosen so the gamma mean rate r/α matches the
 * average observed repeat rate mean(x)/mean(T).
 */
export function defaultStartingParams(objective: BgNbdObjective): BgNbdParams {
  const alpha = objective.meanT > 0 ? objective.meanT / Math.max(objective.meanX, 0.1) : 1;
  return { r: 1, alpha, a: 1, b: 1 };
}

/**
 * Fits BG/NBD by maximum likelihood: BFGS over (ln r, ln α, ln a, ln b) with the analytic gradient,
 * restarted from the best point while it ends unconverged.
 * Throws RangeError for an empty data set or invalid histories.
 */
export function fitBgNbd(
  histories: readonly CustomerHistory[],
  options: BgNbdFitOptions = {},
): BgNbdFitResult {
  const started = performance.now();
  if (histories.length === 0) throw new RangeError('cannot fit BG/NBD to an empty data set');
  const objective = BgNbdObjective.fromHistories(histories);
  const start = options.initial ?? defaultStartingParams(objective);
  const f = (phi: Float64Array, gradient: Float64Array) =>
    objective.negativeLogLikelihoodInLogSpace(phi, gradient);
  const run = minimiseBfgsWithRestarts(
    f,
    [start.r, start.alpha, start.a, start.b].map(Math.log),
    options,
    options.maxRestarts ?? 3,
  );
  const [r, alpha, a, b] = Array.from(run.x, Math.exp);
  return {
    params: { r, alpha, a, b },
    logLikelihood: -run.value,
    iterations: run.iterations,
    evaluations: run.evaluations,
    converged: run.converged,
    gradientNorm: run.gradientNorm,
    ms: performance.now() - started,
    customerCount: objective.customerCount,
  };
}
