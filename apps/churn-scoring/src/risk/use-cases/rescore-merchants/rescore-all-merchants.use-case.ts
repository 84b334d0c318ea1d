import { Injectable } from '@nestjs/common';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { RefitPopulationModelUseCase } from '../../../models/use-cases/refit-population-model/refit-population-model.use-case';
import { RiskMetrics } from '../../risk.metrics';
import { RescoreMerchantsCommand } from './rescore-merchants.command';
import { RescoreMerchantsUseCase, RescoreOutcome } from './rescore-merchants.use-case';

/** Progress of a full rescore: merchants done so far and the known total. */
export type RescoreProgress = (done: number, total: number) => Promise<void> | void;

/**
 * Rescores every known merchant as of a date, in chunks of RESCORE_CHUNK_SIZE (one transaction each,
 * keyset order by merchant id), with one model version for the whole run, reporting progress. The run
 * first refits the population model when it is a prior or older than MODEL_REFIT_EVERY_MS and there
 * is enough data ({@link RefitPopulationModelUseCase.freshForRescoring}).
 */
@Injectable()
export class RescoreAllMerchantsUseCase {
  constructor(
    private readonly activity: MerchantActivityRepository,
    private readonly rescore: RescoreMerchantsUseCase,
    private readonly models: RefitPopulationModelUseCase,
    private readonly config: ChurnScoringConfig,
    private readonly metrics: RiskMetrics,
  ) {}

  async execute(
    asOfDate: string,
    onProgress?: RescoreProgress,
  ): Promise<RescoreOutcome & { modelVersion: string }> {
    const stopTimer = this.metrics.duration.startTimer();
    const model = await this.models.freshForRescoring(asOfDate, this.config.MODEL_REFIT_EVERY_MS);
    const total = await this.activity.merchantCount();
    const outcome = { scored: 0, changed: 0 };
    let after = '';
    for (;;) {
      const ids = await this.activity.merchantIdsAfter(after, this.config.RESCORE_CHUNK_SIZE);
      if (ids.length === 0) break;
      const chunk = await this.rescore.execute(new RescoreMerchantsCommand(ids, asOfDate), undefined, model);
      outcome.scored += chunk.scored;
      outcome.changed += chunk.changed;
      after = ids[ids.length - 1];
      this.metrics.done.set(outcome.scored);
      this.metrics.progress.set(total ? Math.min(1, outcome.scored / total) : 1);
      await onProgress?.(outcome.scored, total);
    }
    stopTimer();
    return { ...outcome, modelVersion: model.version };
  }
}
