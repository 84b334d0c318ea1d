import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock, SystemClock } from '@merchant-pulse/clock';
import { OUTREACH_CHANNELS, OutreachChannel } from '@merchant-pulse/contracts';
import { PeriodicTask } from '@merchant-pulse/platform';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { DelayedError, Job, JobsOptions, Queue, Worker } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { CampaignJobs, CampaignQueues } from '../reactivation-campaigns.queues';
import { OutreachMetrics } from './outreach.metrics';
import { EnrolledMerchant, OutreachFunnelCounts, OutreachScheduler } from './outreach-scheduler';
import { SendRecordRepository } from './send-record.repository';
import { DispatchStepCommand, DispatchStepJobData } from './use-cases/dispatch-step/dispatch-step.command';
import { DispatchStepUseCase } from './use-cases/dispatch-step/dispatch-step.use-case';

/** Namespace of the deterministic send ids (uuid v5 of campaign, merchant and step). */
const SEND_ID_NAMESPACE = '6f1c2a40-52f3-4d1e-9a57-0d6c3c1b7e11';
const DAY_MS = 86_400_000;

/** Deterministic id of the send record of (campaign, merchant, step): the same after any restart. */
export function sendIdOf(campaignId: string, merchantId: string, stepIndex: number): string {
  return uuidv5(JSON.stringify([campaignId, merchantId, stepIndex]), SEND_ID_NAMESPACE);
}

/** BullMQ job id of a send record on one channel of its fallbacks (`:` is not allowed in ids). */
export function jobIdOf(sendId: string, channelIndex: number): string {
  return channelIndex === 0 ? `send-${sendId}` : `send-${sendId}-fb${channelIndex}`;
}

/** Thrown by schedule() for a holdout enrolment that carries steps: holdouts are never contacted. */
export class HoldoutContactError extends Error {
  override readonly name = 'HoldoutContactError';
}

/**
 * OutreachScheduler on BullMQ (real Redis): one queue per channel, each with its own rate limit (a
 * BullMQ limiter, global across replicas); one job per (campaign, merchant, step) with a deterministic
 * id, delayed until the step is due on the service clock; retries with exponential backoff. The send
 * record (unique per campaign, merchant, step) is the second line: a redelivered or re-added job finds it
 * final and sends nothing.
 */
@Injectable()
export class BullMqOutreachScheduler
  extends OutreachScheduler
  implements OnModuleInit, OnApplicationShutdown
{
  private readonly queues = new Map<OutreachChannel, Queue>();
  private readonly workers: Worker[] = [];
  private readonly promoter: PeriodicTask;
  private readonly sampler: PeriodicTask;

  constructor(
    private readonly config: ReactivationCampaignsConfig,
    private readonly clock: Clock,
    private readonly records: SendRecordRepository,
    private readonly dispatch: DispatchStepUseCase,
    private readonly metrics: OutreachMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
    this.promoter = new PeriodicTask(() => this.promoteDue(), logger, 'promoting due outreach jobs failed');
    this.sampler = new PeriodicTask(() => this.sampleDepth(), logger, 'sampling outreach queue depth failed');
  }

  onModuleInit(): void {
    const connection = { url: this.config.REDIS_URL, maxRetriesPerRequest: null };
    const prefix = this.config.OUTREACH_QUEUE_PREFIX;
    for (const channel of OUTREACH_CHANNELS) {
      this.queues.set(channel, new Queue(CampaignQueues.Outreach[channel], { connection, prefix }));
    }
    this.sampler.start(15_000);
    if (!this.config.runOutreachWorkers) return;
    for (const channel of OUTREACH_CHANNELS) {
      const worker = new Worker(CampaignQueues.Outreach[channel], (job, token) => this.process(job, token), {
        connection,
        prefix,
        concurrency: this.config.OUTREACH_CONCURRENCY,
        limiter: { max: this.ratePerSecond(channel), duration: 1000 },
      });
      worker.on('failed', (job, err) =>
        this.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err }, 'outreach job attempt failed'),
      );
      this.workers.push(worker);
    }
    // Under a settable clock (demo, simulator) time jumps ahead of Redis' delays: promote what is due.
    if (!(this.clock instanceof SystemClock)) this.promoter.start(2_000);
  }

  ratePerSecond(channel: OutreachChannel): number {
    if (channel === 'sms') return this.config.OUTREACH_SMS_PER_SECOND;
    if (channel === 'email') return this.config.OUTREACH_EMAIL_PER_SECOND;
    return this.config.OUTREACH_PHONE_TASK_PER_SECOND;
  }

  schedule(enrolment: EnrolledMerchant): Promise<void> {
    return this.scheduleMany([enrolment]);
  }

  /**
   * Send records for every step of every treatment enrolment in one insert, then their jobs in one bulk
   * add per channel (both idempotent: existing records are kept, existing job ids are not added twice).
   */
  override async scheduleMany(enrolments: readonly EnrolledMerchant[]): Promise<void> {
    for (const enrolment of enrolments) {
      if (enrolment.arm === 'holdout' && enrolment.steps.length > 0) {
        throw new HoldoutContactError(`holdout enrolment ${enrolment.enrolmentId} must carry no steps`);
      }
    }
    const now = this.clock.now();
    const planned = enrolments
      .filter((e) => e.arm === 'treatment')
      .flatMap((enrolment) =>
        enrolment.steps.map((step) => ({
          enrolment,
          step,
          sendId: sendIdOf(enrolment.campaignId, enrolment.merchantId, step.index),
          dueAt: new Date(enrolment.enrolledAt.getTime() + step.delayDays * DAY_MS),
        })),
      );
    if (planned.length === 0) return;
    await this.records.insertScheduled(
      planned.map(({ enrolment, step, sendId, dueAt }) => ({
        id: sendId,
        campaignId: enrolment.campaignId,
        merchantId: enrolment.merchantId,
        enrolmentId: enrolment.enrolmentId,
        stepIndex: step.index,
        purpose: step.purpose,
        templateId: step.templateId,
        plannedChannel: step.channel,
        offer: step.offer ?? null,
        enrolledAt: enrolment.enrolledAt,
        dueAt,
        validUntil: enrolment.validUntil,
      })),
      now,
    );
    const byChannel = new Map<
      OutreachChannel,
      Array<{ name: string; data: DispatchStepJobData; opts: JobsOptions }>
    >();
    for (const { enrolment, step, sendId, dueAt } of planned) {
      const data: DispatchStepJobData = {
        sendId,
        campaignId: enrolment.campaignId,
        merchantId: enrolment.merchantId,
        step,
        variables: enrolment.variables,
        dueAt: dueAt.toISOString(),
        validUntil: enrolment.validUntil.toISOString(),
        channelIndex: 0,
        trail: [],
      };
      const delay = Math.max(0, dueAt.getTime() - now.getTime());
      const jobs = byChannel.get(step.channel) ?? [];
      jobs.push({ name: CampaignJobs.DispatchStep, data, opts: this.jobOptions(jobIdOf(sendId, 0), delay) });
      byChannel.set(step.channel, jobs);
    }
    for (const [channel, jobs] of byChannel) await this.queue(channel).addBulk(jobs);
  }

  async cancel(campaignId: string, merchantId: string, reason: string): Promise<void> {
    const steps = await this.records.cancelPending(campaignId, merchantId, reason, this.clock.now());
    for (const stepIndex of steps) {
      const sendId = sendIdOf(campaignId, merchantId, stepIndex);
      for (const queue of this.queues.values()) {
        for (let i = 0; i < OUTREACH_CHANNELS.length; i++) {
          // A job being processed cannot be removed; it finds its record cancelled and sends nothing.
          await queue.remove(jobIdOf(sendId, i)).catch(() => 0);
        }
      }
    }
  }

  funnel(campaignId: string): Promise<OutreachFunnelCounts> {
    return this.records.funnel(campaignId);
  }

  /** The queue of a channel (tests and the bench inspect it). */
  queue(channel: OutreachChannel): Queue {
    const queue = this.queues.get(channel);
    if (!queue) throw new Error('outreach queues are not open');
    return queue;
  }

  private jobOptions(jobId: string, delay: number): JobsOptions {
    return {
      jobId,
      delay,
      attempts: this.config.OUTREACH_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.OUTREACH_BACKOFF_MS },
      removeOnComplete: { age: 7 * 86_400, count: 200_000 },
      removeOnFail: { age: 30 * 86_400 },
    };
  }

  private async process(job: Job<DispatchStepJobData>, token?: string): Promise<void> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.dispatch.execute(new DispatchStepCommand(job.data, finalAttempt));
    if (outcome.kind === 'hold') {
      await job.updateData({ ...job.data, dueAt: outcome.until.toISOString() });
      const delay = Math.max(0, outcome.until.getTime() - this.clock.nowMs());
      await job.moveToDelayed(Date.now() + delay, token);
      throw new DelayedError();
    }
    if (outcome.kind === 'fallback')
      await this.enqueueFallback(job.data, outcome.channelIndex, outcome.trail);
  }

  /** Queues the send on the channel at `channelIndex` of its step, now (deterministic job id). */
  async enqueueFallback(data: DispatchStepJobData, channelIndex: number, trail: string[]): Promise<void> {
    const channel = [data.step.channel, ...data.step.fallbackChannels][channelIndex];
    await this.queue(channel).add(
      CampaignJobs.DispatchStep,
      { ...data, channelIndex, trail },
      this.jobOptions(jobIdOf(data.sendId, channelIndex), 0),
    );
  }

  /**
   * The data of the send's (completed) job on `channel`, to continue its step later (e.g. a phone task
   * nobody answered falls back to the next channel); null when the job is gone (kept 7 days).
   */
  async jobDataOn(sendId: string, channel: OutreachChannel): Promise<DispatchStepJobData | null> {
    for (let i = 0; i < OUTREACH_CHANNELS.length; i++) {
      const job = (await this.queue(channel).getJob(jobIdOf(sendId, i))) as
        Job<DispatchStepJobData> | undefined;
      if (job?.data && job.data.channelIndex === i) return job.data;
    }
    return null;
  }

  /** Promotes delayed jobs whose due instant the service clock has reached (settable clocks only). */
  async promoteDue(): Promise<number> {
    const now = this.clock.nowMs();
    let promoted = 0;
    for (const queue of this.queues.values()) {
      for (let start = 0; ; start += 500) {
        const jobs = (await queue.getDelayed(start, start + 499)) as Array<
          Job<DispatchStepJobData> | undefined
        >;
        for (const job of jobs) {
          if (job && Date.parse(job.data.dueAt) <= now) {
            await job.promote().catch(() => undefined);
            promoted += 1;
          }
        }
        if (jobs.length < 500) break;
      }
    }
    return promoted;
  }

  private async sampleDepth(): Promise<void> {
    for (const [channel, queue] of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
      for (const [state, n] of Object.entries(counts)) {
        this.metrics.queueDepth.set({ queue: CampaignQueues.Outreach[channel], state }, n);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.promoter.stop();
    await this.sampler.stop();
    // Graceful: a worker finishes the jobs in hand (each records its send) before it closes.
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
