// Fits BG/NBD and BG/BB to the same discrete-time population and says which fits better by AIC.
// Pure: no I/O, no clock beyond the fitters' own timing.
import { BgBbFitOptions, BgBbFitResult, fitBgBb } from './bgbb/bgbb.fit';
import { BgBbPattern } from './bgbb/bgbb.types';
import { BgNbdFitOptions, BgNbdFitResult, fitBgNbd } from './bgnbd.fit';
import { probabilityAlive } from './bgnbd.predictions';
import { BgNbdParams, CustomerHistory } from './bgnbd.types';

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
  readonly bgnbd: BgNbdFitResult & {
    /** {@link bgNbdDayScaleCorrection} at the fitted parameters: LL on the day scale − LL as a density. */
    readonly dayScaleCorrection: number;
    /** AIC from the day-scale log-likelihood (the one compared with BG/BB). */
    readonly aic: number;
    readonly degenerate: boolean;
  };
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

/** ln((e^λ − 1)/λ), accurate for small λ. */
function logExpm1OverLambda(lambda: number): number {
  return lambda < 1e-8
    ? lambda / 2
    : lambda > 700
      ? lambda - Math.log(lambda)
      : Math.log(Math.expm1(lambda) / lambda);
}

/**
 * What to add to the BG/NBD log-likelihood (a density of event times, in days) to approximate the
 * log-probability of the observed pattern of active days, which is what BG/BB's likelihood is.
 * Given a rate λ and the customer alive, a day is active with probability 1 − e^{−λ} and silent with
 * e^{−λ}, while the density gives λ·e^{−λ} and e^{−λ}: the ratio is ((e^λ − 1)/λ)^x. The correction
 * plugs in each customer's posterior mean rate, P(alive)·(r+x)/(α+T) + (1−P(alive))·(r+x)/(α+t_x).
 * Without it, raw AIC favours BG/BB by about Σ x·λ/2 even on data from a Poisson process.
 */
export function bgNbdDayScaleCorrection(params: BgNbdParams, histories: readonly CustomerHistory[]): number {
  const { r, alpha } = params;
  let correction = 0;
  for (const history of histories) {
    if (history.x === 0) continue;
    const pAlive = probabilityAlive(params, history);
    const shape = r + history.x;
    const lambda = (pAlive * shape) / (alpha + history.T) + ((1 - pAlive) * shape) / (alpha + history.tx);
    correction += history.x * logExpm1OverLambda(lambda);
  }
  return correction;
}

function verdict(bgnbdAic: number, bgnbdOk: boolean, bgbb: BgBbFitResult): PopulationModelKind {
  if (bgnbdOk !== bgbb.converged) return bgbb.converged ? 'bgbb' : 'bgnbd';
  return bgbb.aic <= bgnbdAic ? 'bgbb' : 'bgnbd';
}

/**
 * Fits both models to histories measured in days (one transaction opportunity per day; x = repeat
 * active days) and compares AIC = 2k − 2·LL; both have k = 4, so AIC orders them as the
 * log-likelihood does. BG/BB's likelihood is the probability of the pattern of active days; BG/NBD's
 * is a density of event times, so it is first put on the day scale by {@link bgNbdDayScaleCorrection}
 * (a plug-in approximation: exact for a known rate and an alive customer). Time must be in days:
 * in any other unit the two likelihoods are not comparable.
 * Throws RangeError for an empty population or a history that is not in whole days.
 */
export function comparePopulationModels(
  histories: readonly CustomerHistory[],
  options: PopulationModelComparisonOptions = {},
): PopulationModelComparison {
  const patterns = toBgBbPatterns(histories);
  const bgbb = fitBgBb(patterns, options.bgbb);
  const nbd = fitBgNbd(histories, options.bgnbd);
  const dayScaleCorrection = bgNbdDayScaleCorrection(nbd.params, histories);
  const bgnbd = {
    ...nbd,
    dayScaleCorrection,
    aic: 2 * BGNBD_PARAMETER_COUNT - 2 * (nbd.logLikelihood + dayScaleCorrection),
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
    `(Δ ${aicAdvantage.toFixed(1)}) on ${bgbb.customerCount} histories, BG/NBD on the day scale ` +
    `(${dayScaleCorrection >= 0 ? '+' : ''}${dayScaleCorrection.toFixed(1)} to its LL)` +
    (notes.length > 0 ? `; ${notes.join('; ')}` : '');
  return { bgnbd, bgbb, preferred, aicAdvantage, reason };
}
