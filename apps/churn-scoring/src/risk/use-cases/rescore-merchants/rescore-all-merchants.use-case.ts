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
 * keyset order by merchant id), up to RESCORE_CONCURRENCY chunks at once (Postgres works on one
 * while Node scores another), with one model version for the whole run, reporting progress as chunks
 * commit. The run first refits the population model when it is a prior or older than
 * MODEL_REFIT_EVERY_MS and there is enough data ({@link RefitPopulationModelUseCase.freshForRescoring}).
 * When a chunk fails, no further chunk starts; the run fails once the chunks in flight have settled
 * (each chunk commits or rolls back alone, and rescoring again is idempotent).
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
    const concurrency = Math.max(1, this.config.RESCORE_CONCURRENCY ?? 1);
    const outcome = { scored: 0, changed: 0 };
    type Settled = { done: Promise<Settled>; chunk?: RescoreOutcome; error?: unknown };
    const inFlight = new Set<Promise<Settled>>();
    let failure: { error: unknown } | undefined;
    // Waits for the next chunk to settle and accounts for it (progress reported one chunk at a time).
    const settleOne = async () => {
      const settled = await Promise.race(inFlight);
      inFlight.delete(settled.done);
      if (settled.chunk) {
        outcome.scored += settled.chunk.scored;
        outcome.changed += settled.chunk.changed;
        this.metrics.done.set(outcome.scored);
        this.metrics.progress.set(total ? Math.min(1, outcome.scored / total) : 1);
        await onProgress?.(outcome.scored, total);
      } else if (!failure) {
        failure = { error: settled.error };
      }
    };
    let after = '';
    try {
      while (!failure) {
        const ids = await this.activity.merchantIdsAfter(after, this.config.RESCORE_CHUNK_SIZE);
        if (ids.length === 0) break;
        after = ids[ids.length - 1];
        const settled: Settled = { done: undefined as unknown as Promise<Settled> };
        settled.done = this.rescore
          .execute(new RescoreMerchantsCommand(ids, asOfDate), undefined, model)
          .then(
            (chunk) => Object.assign(settled, { chunk }),
            (error: unknown) => Object.assign(settled, { error }),
          );
        inFlight.add(settled.done);
        if (inFlight.size >= concurrency) await settleOne();
      }
    } finally {
      // Never leave a chunk running behind the caller (a progress callback or a keyset read may throw).
      while (inFlight.size > 0) await settleOne().catch(() => undefined);
    }
    if (failure) throw failure.error;
    stopTimer();
    return { ...outcome, modelVersion: model.version };
  }
}
