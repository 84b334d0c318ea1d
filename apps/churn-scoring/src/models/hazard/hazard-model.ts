// The early-warning hazard model as a versioned, serialisable object: standardisation, logistic
// coefficients, Platt calibration, and how it was trained and measured. Predicting is pure.
import { HazardFeatureName, HazardFeatureVector, PopulationParams } from './hazard-features';
import { sigmoid } from './logistic-regression';

/** A trained hazard model (JSON-serialisable). */
export interface HazardModel {
  /** `hazard-<asOf of training>-v1+<bgnbd|bgbb>`: the last date whose data it saw, and the population model of P(alive). */
  version: string;
  kind: 'logistic-hazard';
  features: readonly HazardFeatureName[];
  means: number[];
  sds: number[];
  intercept: number;
  coefficients: number[];
  /** Platt scaling fitted on the held-out period: p = σ(a · logit + b). */
  platt: { a: number; b: number };
  lambda: number;
  horizonDays: number;
  /** The population model the P(alive) feature reads (chosen by AIC unless given), and why. */
  population?: { kind: 'bgnbd' | 'bgbb'; reason: string };
  /** Population parameters fitted at the training date, read for P(alive) when scoring with this version. */
  servingPopulation?: PopulationParams;
  training: {
    asOfDates: string[];
    calibrationAsOfDates: string[];
    rows: number;
    positives: number;
    calibrationRows: number;
    calibrationPositives: number;
  };
}

/** A feature that pushed the probability up, with its contribution (coefficient × standardised deviation). */
export interface HazardContribution {
  feature: HazardFeatureName;
  value: number;
  contribution: number;
}

/** The model's verdict on one merchant. */
export interface HazardPrediction {
  /** Calibrated probability of starting a 30-day dormancy within the horizon. */
  pDormant30d: number;
  /** Uncalibrated logit (for ranking and diagnostics). */
  logit: number;
  /** Features pushing the probability up, largest first (contribution > 0). */
  drivers: HazardContribution[];
}

/** Standardised vector of a feature vector (order of `model.features`). */
export function standardise(
  model: Pick<HazardModel, 'features' | 'means' | 'sds'>,
  values: Record<HazardFeatureName, number>,
): number[] {
  return model.features.map((f, j) => (values[f] - model.means[j]) / model.sds[j]);
}

/** Means and standard deviations of the columns (sd 1 for a constant column). */
export function columnMoments(rows: readonly number[][]): { means: number[]; sds: number[] } {
  const d = rows[0]?.length ?? 0;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, j) => (means[j] += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (sds[j] += (v - means[j]) ** 2 / rows.length));
  return { means, sds: sds.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Calibrated probability and the features that pushed it up. */
export function predictHazard(model: HazardModel, x: HazardFeatureVector): HazardPrediction {
  return predictHazardValues(model, x.values);
}

/**
 * Prediction from feature values by name. A feature the model does not know is ignored and one it
 * knows but the values lack reads as its training mean (contribution 0), so a stored older version
 * still scores after features were added.
 */
export function predictHazardValues(
  model: HazardModel,
  values: Partial<Record<HazardFeatureName, number>>,
): HazardPrediction {
  const full = Object.fromEntries(model.features.map((f, j) => [f, values[f] ?? model.means[j]])) as Record<
    HazardFeatureName,
    number
  >;
  const z = standardise(model, full);
  let logit = model.intercept;
  const contributions: HazardContribution[] = model.features.map((feature, j) => {
    const contribution = model.coefficients[j] * z[j];
    logit += contribution;
    return { feature, value: full[feature], contribution };
  });
  return {
    pDormant30d: sigmoid(model.platt.a * logit + model.platt.b),
    logit,
    drivers: contributions.filter((c) => c.contribution > 0).sort((p, q) => q.contribution - p.contribution),
  };
}
