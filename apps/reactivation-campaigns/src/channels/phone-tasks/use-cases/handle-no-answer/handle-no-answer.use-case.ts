import { Injectable } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../../../../config/reactivation-campaigns.config';
import { MerchantContextReader } from '../../../../merchants/merchant-context';
import { BullMqOutreachScheduler } from '../../../../outreach/bullmq-outreach.scheduler';
import { nextSendInstant } from '../../../../outreach/guards/send-window';
import { emitOutreachEvents, outreachFailed } from '../../../../outreach/outreach.events';
import { SendRecord, SendRecordRepository } from '../../../../outreach/send-record.repository';
import { PhoneTask, PhoneTaskRepository } from '../../phone-task.repository';

const MINUTE = 60_000;

/**
 * A call nobody answered. While the task has calls left (PHONE_NO_ANSWER_MAX_ATTEMPTS) it goes back to
 * the queue after PHONE_NO_ANSWER_RETRY_MINUTES, moved into the merchant's next send window (business
 * hours outside its peaks, its timezone). After the last call the merchant is unreachable by phone: the
 * step falls back to its next channel if it has one (the send record returns to `scheduled` for it), else
 * the send record fails (OutreachFailed `no_contact`, detail "unreachable").
 */
@Injectable()
export class HandleNoAnswerUseCase {
  constructor(
    private readonly tasks: PhoneTaskRepository,
    private readonly records: SendRecordRepository,
    private readonly contexts: MerchantContextReader,
    private readonly scheduler: BullMqOutreachScheduler,
    private readonly config: ReactivationCampaignsConfig,
  ) {}

  /** Re-queues the task the agent holds; null when it has no calls left (or the agent does not hold it). */
  async requeue(task: PhoneTask, agent: string, note: string | null, now: Date): Promise<PhoneTask | null> {
    if (task.callAttempts >= this.config.PHONE_NO_ANSWER_MAX_ATTEMPTS) return null;
    const after = new Date(now.getTime() + this.config.PHONE_NO_ANSWER_RETRY_MINUTES * MINUTE);
    const context = await this.contexts.read(task.merchantId);
    const availableAt = context
      ? nextSendInstant(after, context.timezone, context.hourHistogram, {
          ...this.config.businessHours,
          peakHourShare: this.config.OUTREACH_PEAK_HOUR_SHARE,
        })
      : after;
    const moved = await this.tasks.requeueUnanswered(
      task.id,
      agent,
      note,
      availableAt,
      this.config.PHONE_NO_ANSWER_MAX_ATTEMPTS,
    );
    return moved ? this.tasks.findById(task.id) : null;
  }

  /** The last call went unanswered: the next channel of the step, else the send fails as unreachable. */
  async closeUnreachable(record: SendRecord, task: PhoneTask, now: Date): Promise<'fallback' | 'failed'> {
    const detail = `unreachable: no answer after ${task.callAttempts} call(s)`;
    const data = await this.scheduler.jobDataOn(record.id, 'phone_task');
    const channels = data ? [data.step.channel, ...data.step.fallbackChannels] : [];
    const next = data ? data.channelIndex + 1 : channels.length;
    if (data && next < channels.length) {
      const moved = await this.records.transition(
        record.id,
        ['sent'],
        'scheduled',
        { detail, channel: null, sentAt: null },
        now,
      );
      if (moved) await this.scheduler.enqueueFallback(data, next, [...data.trail, 'unreachable']);
      return 'fallback';
    }
    await this.records.transaction(async (manager) => {
      const moved = await this.records.transition(
        record.id,
        ['sent'],
        'failed',
        { failureReason: 'unreachable', detail },
        now,
        manager,
      );
      if (moved)
        await emitOutreachEvents(manager, [
          outreachFailed(record, 'phone_task', 'no_contact', false, detail, now),
        ]);
    });
    return 'failed';
  }
}
