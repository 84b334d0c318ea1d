// Maximum-likelihood estimation of the BG/BB parameters from an RF table.
import { BfgsOptions, minimiseBfgsWithRestarts } from '../bfgs.optimizer';
import { BgBbObjective } from './bgbb.objective';
import { BgBbParams, BgBbPattern } from './bgbb.types';

/** Number of free parameters (α, β, γ, δ), for information criteria. */
export const BGBB_PARAMETER_COUNT = 4;

/** Options for {@link fitBgBb}. */
export interface BgBbFitOptions extends BfgsOptions {
  /** Starting point; by default {@link defaultBgBbStartingParams}. */
  readonly initial?: BgBbParams;
  /** How many times to restart BFGS from the best point when a run ends unconverged. Default 3. */
  readonly maxRestarts?: number;
}

/** Result of a BG/BB maximum-likelihood fit. */
export interface BgBbFitResult {
  readonly params: BgBbParams;
  /** Total log-likelihood at `params`. */
  readonly logLikelihood: number;
  /** Akaike information criterion 2k − 2·LL with k = 4. */
  readonly aic: number;
  /** Number of customers (Σ counts). */
  readonly customerCount: number;
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
}

/**
 * Start with mean transaction probability α/(α+β) equal to the pooled share of opportunities with a
 * transaction (clamped to [0.01, 0.99]) and α + β = 2, and a uniform dropout prior γ = δ = 1.
 */
export function defaultBgBbStartingParams(objective: BgBbObjective): BgBbParams {
  const share = Math.min(0.99, Math.max(0.01, objective.transactionShare));
  return { alpha: 2 * share, beta: 2 * (1 - share), gamma: 1, delta: 1 };
}

/**
 * Fits BG/BB by maximum likelihood: BFGS over (ln α, ln β, ln γ, ln δ) with the analytic gradient,
 * restarted from the best point while it ends unconverged.
 * Throws RangeError for an empty table or an invalid pattern.
 */
export function fitBgBb(patterns: readonly BgBbPattern[], options: BgBbFitOptions = {}): BgBbFitResult {
  const started = performance.now();
  if (patterns.length === 0) throw new RangeError('cannot fit BG/BB to an empty data set');
  const objective = BgBbObjective.fromPatterns(patterns);
  const start = options.initial ?? defaultBgBbStartingParams(objective);
  const run = minimiseBfgsWithRestarts(
    (phi, gradient) => objective.negativeLogLikelihoodInLogSpace(phi, gradient),
    [start.alpha, start.beta, start.gamma, start.delta].map(Math.log),
    options,
    options.maxRestarts ?? 3,
  );
  const [alpha, beta, gamma, delta] = Array.from(run.x, Math.exp);
  return {
    params: { alpha, beta, gamma, delta },
    logLikelihood: -run.value,
    aic: 2 * BGBB_PARAMETER_COUNT + 2 * run.value,
    customerCount: objective.customerCount,
    iterations: run.iterations,
    evaluations: run.evaluations,
    converged: run.converged,
    gradientNorm: run.gradientNorm,
    ms: performance.now() - started,
  };
}
