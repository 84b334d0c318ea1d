import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { Queue } from 'bullmq';
import type { SlaClock } from '../clocks/sla-clock';
import type { DueTimer } from '../clocks/sla-state.repository';
import { AfterSalesTicketsConfig } from '../../config/after-sales-tickets.config';
import { SlaJobs, SlaQueues } from '../sla.queues';
import { slaTimerJobId, SlaTimerJobData } from './sla-timer.job';

const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
} as const;

/**
 * The SLA timers as BullMQ delayed jobs. A job's delay is the time until its fire instant on the
 * service clock; a settable clock runs at wall speed, so the delay holds until someone moves the clock
 * — then the sweep ({@link SlaTimerWorker}) fires what has become due. Every replica can arm timers.
 */
@Injectable()
export class SlaTimerQueue implements OnModuleInit, OnApplicationShutdown {
  private queue?: Queue;

  constructor(
    private readonly config: AfterSalesTicketsConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.queue = new Queue(SlaQueues.Timers, {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.QUEUE_PREFIX,
    });
  }

  /** The BullMQ queue (for the worker and tools). */
  get bull(): Queue {
    if (!this.queue) throw new Error('SLA timer queue is not open');
    return this.queue;
  }

  /**
   * Arms the pending stage of each clock (re-arming an armed one adds nothing) and drops the jobs of
   * the versions they replace, best effort: a stale job that survives finds its version changed.
   */
  async arm(clocks: ReadonlyArray<SlaClock | DueTimer>, replaced: readonly SlaClock[] = []): Promise<void> {
    const timers = clocks.map(toTimer).filter((t): t is DueTimer => t !== null);
    const now = this.clock.nowMs();
    if (timers.length > 0) {
      await this.bull.addBulk(
        timers.map((t) => ({
          name: SlaJobs.Fire,
          data: {
            ticketId: t.ticketId,
            kind: t.kind,
            stage: t.stage,
            version: t.version,
          } satisfies SlaTimerJobData,
          opts: { ...JOB_OPTIONS, jobId: slaTimerJobId(t), delay: Math.max(0, t.fireAt.getTime() - now) },
        })),
      );
    }
    const stale = replaced.map(toTimer).filter((t): t is DueTimer => t !== null);
    await Promise.all(
      stale.map((t) =>
        this.bull
          .remove(slaTimerJobId(t))
          .catch((err: unknown) => this.logger.debug({ err }, 'stale SLA job kept')),
      ),
    );
  }

  /** Fires a due timer now: promotes its delayed job, or adds it when Redis lost it. */
  async fireNow(t: DueTimer): Promise<void> {
    const id = slaTimerJobId(t);
    const job = await this.bull.getJob(id);
    if (!job) {
      await this.arm([t]);
      return;
    }
    if (await job.isDelayed()) await job.promote().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}

function toTimer(c: SlaClock | DueTimer): DueTimer | null {
  if ('fireAt' in c) return c;
  if (!c.nextStage || !c.nextFireAt) return null;
  return {
    ticketId: c.ticketId,
    kind: c.kind,
    stage: c.nextStage,
    level: c.level,
    version: c.version,
    fireAt: c.nextFireAt,
  };
}
