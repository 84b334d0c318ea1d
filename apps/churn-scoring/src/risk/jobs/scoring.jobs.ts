import {
  Inject,
  Injectable,
  OnApplicationShutdown,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { lastCompleteLocalDate } from '../../activity/daily-activity';
import { ChurnJobs, ChurnQueues, ChurnSchedulers } from '../../churn-scoring.queues';
import { ChurnScoringConfig } from '../../config/churn-scoring.config';
import { RefitPopulationModelCommand } from '../../models/use-cases/refit-population-model/refit-population-model.command';
import { RefitPopulationModelUseCase } from '../../models/use-cases/refit-population-model/refit-population-model.use-case';
import { RetrainHazardModelCommand } from '../../models/use-cases/retrain-hazard-model/retrain-hazard-model.command';
import { RetrainHazardModelUseCase } from '../../models/use-cases/retrain-hazard-model/retrain-hazard-model.use-case';
import { RescoreAllMerchantsUseCase } from '../use-cases/rescore-merchants/rescore-all-merchants.use-case';

/** How long `POST /v1/rescoring-runs` waits for the run (a full rescore of 100,000 merchants takes ~25 s). */
const RESCORE_WAIT_MS = 300_000;

/**
 * Time-driven scoring on BullMQ: two job schedulers with deterministic ids (upserted at every boot, so
 * restarts never duplicate them) — rescore every merchant as of the clock's last complete day, and
 * refit the population model. Thin: each job maps to one use case.
 */
@Injectable()
export class ScoringJobs implements OnModuleInit, OnApplicationShutdown {
  private queue?: Queue;
  private events?: QueueEvents;
  private worker?: Worker;

  constructor(
    private readonly config: ChurnScoringConfig,
    private readonly clock: Clock,
    private readonly rescoreAll: RescoreAllMerchantsUseCase,
    private readonly refit: RefitPopulationModelUseCase,
    private readonly retrainHazardModel: RetrainHazardModelUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const connection = { url: this.config.REDIS_URL, maxRetriesPerRequest: null };
    const prefix = this.config.QUEUE_PREFIX;
    // Every replica can enqueue and await a run; only replicas with RUN_JOBS run them.
    this.queue = new Queue(ChurnQueues.Scoring, { connection, prefix });
    this.events = new QueueEvents(ChurnQueues.Scoring, { connection, prefix });
    if (!this.config.runJobs) return;
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
    await this.queue.upsertJobScheduler(
      ChurnSchedulers.RetrainHazard,
      { every: this.config.HAZARD_RETRAIN_EVERY_MS },
      { name: ChurnJobs.RetrainHazard, opts: keep },
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
   * Enqueues a full rescore as of the clock's last complete day and resolves with its result when it
   * has finished, whichever replica's worker ran it (BullMQ queue events, not this process's worker).
   * Deduplicated per day: while a run for that date is queued or running, asking again (here or on
   * another replica) waits for that run instead of adding one.
   */
  async rescoreNow(): Promise<{ jobId: string; result: unknown }> {
    if (!this.queue || !this.events) throw new Error('scoring queue is not open');
    const asOfDate = this.asOfDate();
    const job = await this.queue.add(
      ChurnJobs.RescoreAll,
      { asOfDate },
      {
        jobId: `rescore-all-${asOfDate}-${randomUUID().slice(0, 8)}`,
        deduplication: { id: `rescore-all-${asOfDate}` },
        // Finished runs stay readable for a while: a waiter may look after the run has finished.
        removeOnComplete: { age: 3600, count: 100 },
        removeOnFail: { age: 86_400, count: 100 },
      },
    );
    const jobId = job.id!;
    try {
      return { jobId, result: await job.waitUntilFinished(this.events, RESCORE_WAIT_MS) };
    } catch (error) {
      if (!String((error as Error).message).includes('timed out')) throw error;
      throw new ServiceUnavailableException(
        `rescoring run ${jobId} has not finished after ${RESCORE_WAIT_MS / 1000} s; it keeps running`,
      );
    }
  }

  private asOfDate(): string {
    return lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
  }

  private async process(job: Job): Promise<unknown> {
    const asOfDate = (job.data as { asOfDate?: string })?.asOfDate ?? this.asOfDate();
    if (job.name === ChurnJobs.RefitModel)
      return this.refit.execute(new RefitPopulationModelCommand(asOfDate));
    if (job.name === ChurnJobs.RetrainHazard) return this.retrainHazard(asOfDate);
    const outcome = await this.rescoreAll.execute(asOfDate, (done, total) =>
      job.updateProgress({ done, total }),
    );
    this.logger.info({ asOfDate, ...outcome }, 'rescored every merchant');
    return outcome;
  }

  /** Scheduled retraining; a history too short to train on is logged and skipped, not failed. */
  private async retrainHazard(asOfDate: string): Promise<unknown> {
    try {
      const outcome = await this.retrainHazardModel.execute(
        new RetrainHazardModelCommand(asOfDate, this.config.HAZARD_HOLDOUT_WEEKS),
      );
      return {
        version: outcome.candidate.version,
        promoted: outcome.promoted,
        reason: outcome.decision.reason,
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.logger.info({ asOfDate, reason: error.message }, 'hazard model not retrained: history too short');
      return { skipped: error.message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.events?.close();
    await this.queue?.close();
  }
}
