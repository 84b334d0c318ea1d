import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { DelayedError, Job, Worker } from 'bullmq';
import { SlaStateRepository } from '../clocks/sla-state.repository';
import { AfterSalesTicketsConfig } from '../../config/after-sales-tickets.config';
import { SlaMetrics } from '../sla.metrics';
import { SlaQueues } from '../sla.queues';
import { FireOutcome, FireSlaTimerUseCase } from '../use-cases/fire-sla-timer/fire-sla-timer.use-case';
import { FiringBatcher } from './sla-firing.batcher';
import { SlaEscalator } from './sla-escalator';
import { parseSlaTimerJob, SlaTimerJobData } from './sla-timer.job';
import { SlaTimerQueue } from './sla-timer.queue';

/** How often the worker looks whether someone moved the service clock (ms). */
const CLOCK_WATCH_MS = 100;
/** A change of the clock's offset from wall time beyond this counts as a move (ms). */
const CLOCK_MOVE_TOLERANCE_MS = 50;
const SWEEP_BATCH = 1000;
const REARM_PAGE = 2000;
/**
 * The periodic sweep leaves timers alone until they are this late (ms): their jobs are normally being
 * fired by the worker at that moment, and promoting each one costs Redis round trips. After a clock
 * move and at boot the sweep takes every due timer.
 */
const SWEEP_GRACE_MS = 2000;
/** Most timers fired in one transaction, and how long a batch waits for more jobs (ms). */
const FIRING_BATCH = 200;
const FIRING_LINGER_MS = 5;

/**
 * Runs the SLA timers (processes with RUN_JOBS): the BullMQ worker fires jobs through
 * {@link FireSlaTimerUseCase}, arms the next stage and escalates breaches. The sweep makes the
 * database the source of truth: every interval — and at once when the service clock is moved — it
 * fires timers that are due but whose job is missing or still delayed for the old clock; at boot it
 * re-arms every future timer (idempotent ids), so a process or Redis restart loses nothing.
 */
@Injectable()
export class SlaTimerWorker implements OnModuleInit, BeforeApplicationShutdown {
  private worker?: Worker;
  private sweepTask?: PeriodicTask;
  private watch?: NodeJS.Timeout;
  private offsetMs = 0;

  constructor(
    private readonly config: AfterSalesTicketsConfig,
    private readonly queue: SlaTimerQueue,
    private readonly fire: FireSlaTimerUseCase,
    private readonly escalator: SlaEscalator,
    private readonly state: SlaStateRepository,
    private readonly metrics: SlaMetrics,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether every future timer has been re-armed since this process started. */
  private rearmed = false;
  /** Grace of the next sweep (0 after a clock move or at boot). */
  private sweepGraceMs = 0;
  private readonly batcher = new FiringBatcher(
    (jobs: SlaTimerJobData[]) => this.fireBatch(jobs),
    FIRING_BATCH,
    FIRING_LINGER_MS,
  );

  async onModuleInit(): Promise<void> {
    if (!this.config.runJobs) return;
    this.worker = new Worker(SlaQueues.Timers, (job, token) => this.process(job, token), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.SLA_TIMER_CONCURRENCY,
    });
    this.worker.on('failed', (job, err) => this.logger.error({ job: job?.id, err }, 'SLA timer job failed'));
    // Re-arming and the sweep run in the periodic task: where migrations run as a release Job
    // (DB_MIGRATE_ON_BOOT=false) the tables may not exist yet at boot, and the pod must still start
    // (unready) and catch up once they do, instead of crashing.
    this.sweepTask = new PeriodicTask(
      async () => {
        if (!this.rearmed) {
          await this.rearmFuture();
          this.rearmed = true;
        }
        const grace = this.sweepGraceMs;
        this.sweepGraceMs = SWEEP_GRACE_MS;
        await this.sweep(grace);
      },
      this.logger,
      'SLA sweep failed',
    );
    await this.sweepTask.run();
    this.sweepTask.start(this.config.SLA_SWEEP_INTERVAL_MS);
    this.offsetMs = this.clock.nowMs() - Date.now();
    this.watch = setInterval(() => this.watchClock(), CLOCK_WATCH_MS);
    this.watch.unref();
  }

  /**
   * Fires timers due at least `graceMs` ago whose job is missing or still delayed, and retries
   * unconfirmed escalations; returns how many timers were due.
   */
  async sweep(graceMs = 0): Promise<number> {
    const due = await this.state.dueTimers(new Date(this.clock.nowMs() - graceMs), SWEEP_BATCH);
    for (const t of due) await this.queue.fireNow(t);
    await this.escalator.retryPending();
    return due.length;
  }

  private watchClock(): void {
    const offset = this.clock.nowMs() - Date.now();
    if (Math.abs(offset - this.offsetMs) <= CLOCK_MOVE_TOLERANCE_MS) return;
    this.offsetMs = offset;
    this.sweepGraceMs = 0;
    void this.sweepTask?.run();
  }

  private async rearmFuture(): Promise<void> {
    let after = { fireAt: this.clock.now(), ticketId: '', kind: '' };
    for (;;) {
      const page = await this.state.futureTimers(after, REARM_PAGE);
      if (page.length === 0) return;
      await this.queue.arm(page);
      const last = page[page.length - 1];
      after = { fireAt: last.fireAt, ticketId: last.ticketId, kind: last.kind };
    }
  }

  private async process(job: Job, token?: string): Promise<string> {
    const result = await this.batcher.submit(parseSlaTimerJob(job.data));
    if (result.outcome === 'not_yet') {
      // The service clock was moved back: wait until the timer is due on it.
      await job.moveToDelayed(Date.now() + (result.fireAt.getTime() - this.clock.nowMs()), token);
      throw new DelayedError();
    }
    return result.outcome;
  }

  /** Fires a batch of jobs in one transaction, then arms the next stages and escalates the breaches. */
  private async fireBatch(jobs: SlaTimerJobData[]): Promise<FireOutcome[]> {
    const results = await this.fire.executeMany(jobs);
    const fired = results.flatMap((r, i) =>
      r.outcome === 'warned' || r.outcome === 'breached'
        ? [{ r, stage: jobs[i].stage, kind: jobs[i].kind }]
        : [],
    );
    for (const { r, stage, kind } of fired) {
      this.metrics.lateness.observe({ stage }, r.latenessMs / 1000);
      (r.outcome === 'warned' ? this.metrics.warnings : this.metrics.breaches).inc({
        kind,
        priority: r.priority,
      });
    }
    await this.queue.arm(fired.map(({ r }) => r.clock));
    await this.escalator.escalateMany(fired.flatMap(({ r }) => (r.escalation ? [r.escalation] : [])));
    return results;
  }

  /** Before the database and the queue close: finish the jobs in hand, stop the sweep. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    await this.sweepTask?.stop();
    await this.worker?.close();
  }
}
