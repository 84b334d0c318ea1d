import { Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { ChannelRateGate } from '../../../channels/channel-rate.gate';
import { ChannelSender, OutboundMessage, SendResult } from '../../../channels/channel-sender';
import { emitOutreachEvents, outreachFailed, outreachSent } from '../../outreach.events';
import { OutreachMetrics } from '../../outreach.metrics';
import { SendRecord, SendRecordRepository } from '../../send-record.repository';

/**
 * The hand-over of a claimed (`sending`) record to its channel, and the record of what happened, with its
 * event in the same transaction: delivered (SMS/email accepted) or sent (phone task created) →
 * OutreachSent; `unknown` (timed out after the request left) → `unknown`, no event yet (the next attempt
 * asks the provider first, see ResolveUnknownSend); anything else → back to `scheduled` (a retry or a
 * fallback channel may claim it again) and OutreachFailed.
 */
@Injectable()
export class SendOnChannel {
  constructor(
    private readonly records: SendRecordRepository,
    private readonly metrics: OutreachMetrics,
    private readonly gate: ChannelRateGate,
  ) {}

  async send(
    sender: ChannelSender,
    record: SendRecord,
    channel: OutreachChannel,
    message: OutboundMessage,
    finalAttempt: boolean,
    now: Date,
  ): Promise<SendResult> {
    // The exact rate limit sits right before the hand-over (a gate earlier, before the claim's commit, let
    // database latency re-bunch the sends). A graceful stop lets waiting jobs finish; only a hard kill
    // while waiting here (at most OUTREACH_CONCURRENCY records) ends a record as `interrupted`, unsent.
    await this.gate.acquire(channel);
    const result = await sender.send(message);
    if (result.kind === 'unknown') {
      await this.records.transition(record.id, ['sending'], 'unknown', { detail: result.detail }, now);
      this.metrics.outreach.inc({ channel, outcome: 'unknown' });
      return result;
    }
    if (result.kind === 'delivered' && result.replayed) {
      this.metrics.suspectedDuplicates.inc({ channel, resolution: 'provider_deduplicated' });
    }
    await this.records.transaction(async (manager) => {
      if (result.kind === 'delivered') {
        const state = channel === 'phone_task' ? 'sent' : 'delivered';
        await this.records.transition(
          record.id,
          ['sending'],
          state,
          { providerMessageId: result.providerMessageId },
          now,
          manager,
        );
        await emitOutreachEvents(manager, [outreachSent(record, channel, result.providerMessageId, now)]);
        return;
      }
      const retryable = result.kind === 'retryable' && !finalAttempt;
      const reason = result.kind === 'invalid_contact' ? 'invalid_contact' : 'provider_error';
      await this.records.transition(
        record.id,
        ['sending'],
        'scheduled',
        { sentAt: null, detail: result.detail, channel: null },
        now,
        manager,
      );
      await emitOutreachEvents(manager, [
        outreachFailed(record, channel, reason, retryable, result.detail, now),
      ]);
    });
    this.metrics.outreach.inc({ channel, outcome: result.kind });
    return result;
  }
}
