import { DailyActivity } from '../activity/daily-activity';
import { HazardModel } from '../models/hazard/hazard-model';
import { populationAt, trainHazardModel } from '../models/hazard/hazard-training';
import { ScoringModel } from '../risk/scoring/risk-score.calculator';
import { BacktestRanker, hazardRanker } from './backtest.rankers';

/** Alert threshold of the hazard model in backtests: 15% chance of a dormancy start within 30 days. */
export const DEFAULT_ALERT_PROBABILITY = 0.15;

/** What a report says of the learned model it compared. */
export interface HazardModelSummary {
  version: string;
  training: HazardModel['training'];
  /** Standardised coefficients by feature, and the Platt calibration. */
  coefficients: Record<string, number>;
  platt: HazardModel['platt'];
  population?: HazardModel['population'];
}

/** Trains the hazard model on the history up to asOf (no later data); `rankerFor` wraps it as a backtest ranker given the population fit at asOf. */
export function trainedHazardRanker(input: {
  activity: ReadonlyMap<string, readonly DailyActivity[]>;
  asOfDate: string;
  horizonDays: number;
  activeWithinDays?: number;
  alertProbability?: number;
}): { rankerFor: (population: ScoringModel) => BacktestRanker; summary: HazardModelSummary } {
  const model = trainHazardModel({
    activity: input.activity,
    asOfDate: input.asOfDate,
    horizonDays: input.horizonDays,
    activeWithinDays: input.activeWithinDays,
  });
  // The ranker reads P(alive) from the population model the hazard model was trained with.
  const bgbb =
    model.population?.kind === 'bgbb' ? populationAt(input.activity, input.asOfDate, 'bgbb') : null;
  return {
    rankerFor: (population) =>
      hazardRanker(model, input.alertProbability ?? DEFAULT_ALERT_PROBABILITY, bgbb ?? population.params),
    summary: {
      version: model.version,
      training: model.training,
      coefficients: Object.fromEntries(
        model.features.map((f, j) => [f, Math.round(model.coefficients[j] * 1000) / 1000]),
      ),
      platt: model.platt,
      population: model.population,
    },
  };
}
