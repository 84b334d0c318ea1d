// Fits BG/NBD and BG/BB to the same discrete-time population and says which fits better by AIC.
// Pure: no I/O, no clock beyond the fitters' own timing.
import { BgBbFitOptions, BgBbFitResult, fitBgBb } from './bgbb/bgbb.fit';
import { BgBbPattern } from './bgbb/bgbb.types';
import { BgNbdFitOptions, BgNbdFitResult, fitBgNbd } from './bgnbd.fit';
import { CustomerHistory } from './bgnbd.types';

/** BG/NBD has four parameters (r, α, a, b), like BG/BB. */
const BGNBD_PARAMETER_COUNT = 4;

/**
 * Above this, r or α means the gamma mixing distribution has collapsed to a point: BG/NBD is
 * forcing a Poisson rate onto data it cannot describe (e.g. merchants active nearly every day).
 */
export const BGNBD_DEGENERATE_SHAPE = 1e6;

/** The model that describes the population better. */
export type PopulationModelKind = 'bgnbd' | 'bgbb';

/** Both fits, their AIC and the verdict. */
export interface PopulationModelComparison {
  readonly bgnbd: BgNbdFitResult & { readonly aic: number; readonly degenerate: boolean };
  readonly bgbb: BgBbFitResult;
  /** The converged model with the lower AIC (lower AIC of the two when neither converged). */
  readonly preferred: PopulationModelKind;
  /** AIC of the other model minus AIC of the preferred one (≥ 0 when both converged). */
  readonly aicAdvantage: number;
  /** One sentence for a model version or a log line. */
  readonly reason: string;
}

/** Options passed through to the two fitters. */
export interface PopulationModelComparisonOptions {
  readonly bgnbd?: BgNbdFitOptions;
  readonly bgbb?: BgBbFitOptions;
}

/**
 * A daily history (x repeat active days, last one t_x days after the first, T days observed) is a
 * BG/BB history with n = T opportunities. Throws RangeError when t_x or T is not a whole number of
 * days or x > t_x.
 */
export function toBgBbPatterns(histories: readonly CustomerHistory[]): BgBbPattern[] {
  return histories.map(({ x, tx, T }) => ({ x, tx, n: T, count: 1 }));
}

function verdict(bgnbdAic: number, bgnbdOk: boolean, bgbb: BgBbFitResult): PopulationModelKind {
  if (bgnbdOk !== bgbb.converged) return bgbb.converged ? 'bgbb' : 'bgnbd';
  return bgbb.aic <= bgnbdAic ? 'bgbb' : 'bgnbd';
}

/**
 * Fits both models to histories measured in days (one transaction opportunity per day) and compares
 * AIC = 2k − 2·LL. Both likelihoods describe the whole day-by-day record: BG/BB as the probability of
 * the pattern of active days, BG/NBD as the density of the event times, which with the time unit equal
 * to one opportunity is, to first order in the daily rate, the probability of the same pattern. So
 * the comparison is meaningful only with time in opportunity units (days here, not weeks).
 * Both models have four parameters, so AIC orders them as the log-likelihood does.
 * Throws RangeError for an empty population or a history that is not in whole days.
 */
export function comparePopulationModels(
  histories: readonly CustomerHistory[],
  options: PopulationModelComparisonOptions = {},
): PopulationModelComparison {
  const patterns = toBgBbPatterns(histories);
  const bgbb = fitBgBb(patterns, options.bgbb);
  const nbd = fitBgNbd(histories, options.bgnbd);
  const bgnbd = {
    ...nbd,
    aic: 2 * BGNBD_PARAMETER_COUNT - 2 * nbd.logLikelihood,
    degenerate: Math.max(nbd.params.r, nbd.params.alpha) > BGNBD_DEGENERATE_SHAPE,
  };
  const preferred = verdict(bgnbd.aic, bgnbd.converged, bgbb);
  const [winner, loser] = preferred === 'bgbb' ? [bgbb.aic, bgnbd.aic] : [bgnbd.aic, bgbb.aic];
  const aicAdvantage = loser - winner;
  const notes = [
    bgnbd.degenerate ? 'BG/NBD degenerate (r or α > 1e6)' : '',
    bgnbd.converged ? '' : 'BG/NBD did not converge',
    bgbb.converged ? '' : 'BG/BB did not converge',
  ].filter((note) => note !== '');
  const reason =
    `${preferred === 'bgbb' ? 'BG/BB' : 'BG/NBD'} preferred: AIC ${winner.toFixed(1)} vs ${loser.toFixed(1)} ` +
    `(Δ ${aicAdvantage.toFixed(1)}) on ${bgbb.customerCount} histories` +
    (notes.length > 0 ? `; ${notes.join('; ')}` : '');
  return { bgnbd, bgbb, preferred, aicAdvantage, reason };
}
