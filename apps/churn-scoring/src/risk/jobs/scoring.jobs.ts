import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { Job, Queue, Worker } from 'bullmq';
import { lastCompleteLocalDate } from '../../activity/daily-activity';
import { ChurnJobs, ChurnQueues, ChurnSchedulers } from '../../churn-scoring.queues';
import { ChurnScoringConfig } from '../../config/churn-scoring.config';
import { RefitPopulationModelCommand } from '../../models/use-cases/refit-population-model/refit-population-model.command';
import { RefitPopulationModelUseCase } from '../../models/use-cases/refit-population-model/refit-population-model.use-case';
import { RescoreAllMerchantsUseCase } from '../use-cases/rescore-merchants/rescore-all-merchants.use-case';

/**
 * Time-driven scoring on BullMQ: two job schedulers with deterministic ids (upserted at every boot, so
 * restarts never duplicate them) — rescore every merchant as of the clock's last complete day, and
 * refit the population model. Thin: each job maps to one use case.
 */
@Injectable()
export class ScoringJobs implements OnModuleInit, OnApplicationShutdown {
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    private readonly config: ChurnScoringConfig,
    private readonly clock: Clock,
    private readonly rescoreAll: RescoreAllMerchantsUseCase,
    private readonly refit: RefitPopulationModelUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.runJobs) return;
    const connection = { url: this.config.REDIS_URL, maxRetriesPerRequest: null };
    const prefix = this.config.QUEUE_PREFIX;
    this.queue = new Queue(ChurnQueues.Scoring, { connection, prefix });
    const keep = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler(
      ChurnSchedulers.RescoreAll,
      { every: this.config.RESCORE_EVERY_MS },
      { name: ChurnJobs.RescoreAll, opts: keep },
    );
    await this.queue.upsertJobScheduler(
      ChurnSchedulers.RefitModel,
      { every: this.config.MODEL_REFIT_EVERY_MS },
      { name: ChurnJobs.RefitModel, opts: keep },
    );
    this.worker = new Worker(ChurnQueues.Scoring, (job) => this.process(job), {
      connection,
      prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error({ job: job?.name, err: error }, 'scoring job failed'),
    );
  }

  /**
   * Enqueues a full rescore now, with the deterministic job id `rescore-all-<asOfDate>`: while one for
   * that date is waiting or running, asking again adds nothing. Resolves when it has finished.
   */
  async rescoreNow(): Promise<{ jobId: string; result: unknown }> {
    if (!this.queue) throw new Error('scoring jobs are disabled (RUN_JOBS=false)');
    const asOfDate = this.asOfDate();
    const jobId = `rescore-all-${asOfDate}`;
    const worker = this.worker;
    const done = new Promise<{ jobId: string; result: unknown }>((resolve, reject) => {
      const onDone = (job: Job, result: unknown) =>
        job.id === jobId && (cleanup(), resolve({ jobId, result }));
      const onFail = (job: Job | undefined, error: Error) => job?.id === jobId && (cleanup(), reject(error));
      const cleanup = () => {
        worker?.off('completed', onDone);
        worker?.off('failed', onFail);
      };
      worker?.on('completed', onDone);
      worker?.on('failed', onFail);
    });
    await this.queue.add(
      ChurnJobs.RescoreAll,
      { asOfDate },
      { jobId, removeOnComplete: true, removeOnFail: true },
    );
    return done;
  }

  private asOfDate(): string {
    return lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
  }

  private async process(job: Job): Promise<unknown> {
    const asOfDate = (job.data as { asOfDate?: string })?.asOfDate ?? this.asOfDate();
    if (job.name === ChurnJobs.RefitModel)
      return this.refit.execute(new RefitPopulationModelCommand(asOfDate));
    const outcome = await this.rescoreAll.execute(asOfDate, (done, total) =>
      job.updateProgress({ done, total }),
    );
    this.logger.info({ asOfDate, ...outcome }, 'rescored every merchant');
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
