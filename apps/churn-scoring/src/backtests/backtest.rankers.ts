// The rankings a backtest compares: the current hand-weighted score, the recency of the last
// approved transaction, and any other ranker (the learned hazard model) given by the caller. Each
// rates one merchant as of one date from its activity up to that date.
import { ActivityWindows } from '../activity/activity-windows';
import { DailyActivity, dayNumber } from '../activity/daily-activity';
import {
  HazardContext,
  hazardFeatures,
  NO_CONTEXT,
  PopulationParams,
} from '../models/hazard/hazard-features';
import { HazardModel, predictHazard } from '../models/hazard/hazard-model';
import { NO_SIGNALS } from '../risk/scoring/merchant-features';
import { scoreMerchant } from '../risk/scoring/merchant-scorer';
import { ScoringModel } from '../risk/scoring/risk-score.calculator';
import { ScoringPolicy } from '../risk/scoring/scoring.policy';
import { AT_RISK_SCORE } from '../risk/scoring/tier.classifier';

/** What a ranker sees of one merchant as of one date. */
export interface RankedMerchant {
  merchantId: string;
  /** All its daily activity: a ranker must only use the days up to `windows.asOfDate`. */
  days: readonly DailyActivity[];
  windows: ActivityWindows;
}

/** One merchant rated: a value to rank by, a probability of the event, and whether it is alerted. */
export interface Rating {
  ranking: number;
  probability: number;
  alert: boolean;
}

/** A way of ranking merchants by risk, with its alert threshold. */
export interface BacktestRanker {
  name: string;
  /** The alert threshold in words (for the report). */
  alertRule: string;
  rate(merchant: RankedMerchant): Rating;
}

/** The current hand-weighted score (no terminal/ticket signals); alert = the at_risk tier (score ≥ 50). */
export function scoreRanker(model: ScoringModel, policy: ScoringPolicy): BacktestRanker {
  return {
    name: 'score',
    alertRule: `score >= ${AT_RISK_SCORE} (at_risk)`,
    rate: ({ merchantId, windows }) => {
      const s = scoreMerchant({ merchantId, windows, signals: NO_SIGNALS }, model, policy);
      return { ranking: s.exactScore, probability: s.exactScore / 100, alert: s.exactScore >= AT_RISK_SCORE };
    },
  };
}

/** Days since the last approved transaction; probability min(1, days/dormantAfterDays); alert at ≥ `alertDays`. */
export function recencyRanker(policy: ScoringPolicy, alertDays: number): BacktestRanker {
  return {
    name: 'recency',
    alertRule: `no approved transaction for >= ${alertDays} days`,
    rate: ({ windows }) => {
      const days =
        windows.lastActiveDate === null ? 0 : dayNumber(windows.asOfDate) - dayNumber(windows.lastActiveDate);
      return {
        ranking: days,
        probability: Math.min(1, days / policy.dormantAfterDays),
        alert: days >= alertDays,
      };
    },
  };
}

/** The learned hazard model (P(alive) from `population`): calibrated pDormant30d; alert at ≥ `alertProbability`. */
export function hazardRanker(
  model: HazardModel,
  alertProbability: number,
  population: PopulationParams | null,
  contexts?: ReadonlyMap<string, HazardContext>,
): BacktestRanker {
  return {
    name: 'hazard',
    alertRule: `pDormant30d >= ${alertProbability}`,
    rate: ({ merchantId, days, windows }) => {
      const f = hazardFeatures(days, windows.asOfDate, population, contexts?.get(merchantId) ?? NO_CONTEXT);
      if (f === null) return { ranking: -Infinity, probability: 0, alert: false };
      const p = predictHazard(model, f);
      return { ranking: p.logit, probability: p.pDormant30d, alert: p.pDormant30d >= alertProbability };
    },
  };
}
