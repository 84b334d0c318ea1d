import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { addDays } from '../../../activity/daily-activity';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { MerchantContextRepository } from '../../../signals/merchant-context.repository';
import { HazardModelRepository, HazardModelVersion } from '../../hazard-model.repository';
import { HazardModel } from '../../hazard/hazard-model';
import {
  decidePromotion,
  evaluateHazard,
  HoldoutMetrics,
  PromotionDecision,
} from '../../hazard/hazard-promotion';
import {
  hazardHoldoutRows,
  PopulationKind,
  populationAt,
  trainHazardModel,
} from '../../hazard/hazard-training';
import { RetrainHazardModelCommand } from './retrain-hazard-model.command';

/** What a retraining did. */
export interface RetrainOutcome {
  candidate: HazardModelVersion;
  promoted: boolean;
  decision: PromotionDecision;
  holdout: {
    asOfDates: string[];
    candidate: HoldoutMetrics;
    current: (HoldoutMetrics & { version: string }) | null;
  };
  /** The version scoring uses from now on. */
  currentVersion: string;
  trainingMs: number;
}

const HORIZON_DAYS = 30;
const DORMANT_AFTER_DAYS = 30;

/**
 * Trains a candidate on the history up to asOf − holdout weeks (so its labels never reach the held-out
 * period), measures it and the current model on the held-out weekly as-of dates (labels observed by
 * asOf), stores the candidate with its metrics, and makes it current only if it wins
 * ({@link decidePromotion}). Throws RangeError when the history is too short to train.
 */
@Injectable()
export class RetrainHazardModelUseCase {
  constructor(
    private readonly activity: MerchantActivityRepository,
    private readonly contexts: MerchantContextRepository,
    private readonly hazards: HazardModelRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RetrainHazardModelCommand): Promise<RetrainOutcome> {
    const started = performance.now();
    const activity = await this.activity.loadAllDailyActivityPaged();
    const contexts = await this.contexts.load(null);
    const trained = trainHazardModel({
      activity,
      contexts,
      asOfDate: addDays(command.asOfDate, -7 * command.holdoutWeeks),
      horizonDays: HORIZON_DAYS,
      dormantAfterDays: DORMANT_AFTER_DAYS,
    });
    const kind: PopulationKind = trained.population?.kind ?? 'bgnbd';
    const model: HazardModel = {
      ...trained,
      servingPopulation: populationAt(activity, command.asOfDate, kind),
    };
    const latest = addDays(command.asOfDate, -HORIZON_DAYS - DORMANT_AFTER_DAYS);
    const asOfDates = Array.from({ length: command.holdoutWeeks }, (_, k) =>
      addDays(latest, -7 * k),
    ).reverse();
    const rowsFor = (populationKind: PopulationKind) =>
      hazardHoldoutRows({ activity, contexts, asOfDates, dataEnd: command.asOfDate, populationKind });
    const rows = rowsFor(kind);
    const current = await this.hazards.current();
    const candidateMetrics = evaluateHazard(model, rows);
    const currentKind = current?.model.population?.kind ?? 'bgnbd';
    const currentMetrics = current
      ? {
          version: current.version,
          ...evaluateHazard(current.model, currentKind === kind ? rows : rowsFor(currentKind)),
        }
      : null;
    const decision = decidePromotion(candidateMetrics, currentMetrics);
    const trainingMs = Math.round(performance.now() - started);
    const holdout = { asOfDates, candidate: candidateMetrics, current: currentMetrics };
    const candidate = await this.hazards.save(
      model,
      { holdout, decision, trainingMs, merchants: activity.size, population: model.population },
      command.asOfDate,
      this.clock.now().toISOString(),
      decision.promote,
    );
    this.logger.info(
      { version: candidate.version, promoted: decision.promote, reason: decision.reason, trainingMs },
      'hazard model retrained',
    );
    return {
      candidate,
      promoted: decision.promote,
      decision,
      holdout,
      currentVersion: decision.promote ? candidate.version : current!.version,
      trainingMs,
    };
  }
}
