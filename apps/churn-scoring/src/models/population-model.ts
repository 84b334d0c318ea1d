import { BgNbdParams, CustomerHistory, fitBgNbd } from '@merchant-pulse/bgnbd';

/**
 * Weakly informative parameters (time unit: days) used until there is enough data to fit:
 * mean active-day rate r/α = 0.5 per day, dropout probability per active day a/(a+b) ≈ 2.4%.
 */
export const PRIOR_PARAMS: BgNbdParams = { r: 1, alpha: 2, a: 0.5, b: 20 };

/** Fewer merchants with repeat activity than this and the prior is kept (the fit would be noise). */
export const MIN_REPEAT_MERCHANTS_TO_FIT = 30;

/** A population fit with the diagnostics stored beside the model version. */
export interface PopulationFit {
  params: BgNbdParams;
  /** `fitted` (maximum likelihood) or `prior` (too little data, or the fit did not converge). */
  source: 'fitted' | 'prior';
  diagnostics: {
    merchants: number;
    repeatMerchants: number;
    logLikelihood: number | null;
    iterations: number;
    converged: boolean;
    gradientNorm: number | null;
    ms: number;
    meanX: number;
    meanT: number;
    note: string;
  };
}

/**
 * Fits BG/NBD on merchants' active-day histories (days), falling back to {@link PRIOR_PARAMS}
 * when too few merchants repeat or the optimiser does not converge.
 */
export function fitPopulationModel(histories: readonly CustomerHistory[]): PopulationFit {
  const repeat = histories.filter((h) => h.x > 0).length;
  const meanX = histories.reduce((s, h) => s + h.x, 0) / Math.max(1, histories.length);
  const meanT = histories.reduce((s, h) => s + h.T, 0) / Math.max(1, histories.length);
  const base = { merchants: histories.length, repeatMerchants: repeat, meanX, meanT };
  if (repeat < MIN_REPEAT_MERCHANTS_TO_FIT) {
    const note = `only ${repeat} merchants with repeat activity (< ${MIN_REPEAT_MERCHANTS_TO_FIT}): prior kept`;
    return {
      params: PRIOR_PARAMS,
      source: 'prior',
      diagnostics: {
        ...base,
        logLikelihood: null,
        iterations: 0,
        converged: false,
        gradientNorm: null,
        ms: 0,
        note,
      },
    };
  }
  const fit = fitBgNbd(histories);
  const diagnostics = {
    ...base,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    gradientNorm: fit.gradientNorm,
    ms: Math.round(fit.ms),
    note: fit.converged ? 'maximum-likelihood fit converged' : 'fit did not converge: prior kept',
  };
  return fit.converged
    ? { params: fit.params, source: 'fitted', diagnostics }
    : { params: PRIOR_PARAMS, source: 'prior', diagnostics };
}
