import { Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { ChannelSender, LookupResult } from '../../../channels/channel-sender';
import { emitOutreachEvents, outreachSent } from '../../outreach.events';
import { OutreachMetrics } from '../../outreach.metrics';
import { SendRecord, SendRecordRepository } from '../../send-record.repository';
import { RetryableOutreachError } from './dispatch-step.command';

/**
 * Settles a send record left `unknown` by a provider timeout before anything is sent again: the provider
 * is asked for the message by its idempotency key (the send id). It had it → `delivered` with its
 * OutreachSent, and the retry that would have been a duplicate is counted as avoided; it did not → back
 * to `scheduled` for a normal re-send; the protocol cannot ask (SMTP) → back to `scheduled` too, the
 * re-send carries the same Message-ID and is counted as a suspected duplicate.
 */
@Injectable()
export class ResolveUnknownSend {
  constructor(
    private readonly records: SendRecordRepository,
    private readonly metrics: OutreachMetrics,
  ) {}

  async execute(sender: ChannelSender, record: SendRecord, now: Date): Promise<'delivered' | 'resend'> {
    const channel = (record.channel ?? record.plannedChannel) as OutreachChannel;
    let found: LookupResult;
    try {
      found = await sender.lookup(record.id);
    } catch (error) {
      throw new RetryableOutreachError(`${channel} lookup: ${(error as Error).message}`);
    }
    if (found.kind === 'accepted') {
      await this.records.transaction(async (manager) => {
        const moved = await this.records.transition(
          record.id,
          ['unknown'],
          'delivered',
          { providerMessageId: found.providerMessageId, detail: null },
          now,
          manager,
        );
        if (moved) {
          await emitOutreachEvents(manager, [outreachSent(record, channel, found.providerMessageId, now)]);
        }
      });
      this.metrics.outreach.inc({ channel, outcome: 'delivered' });
      this.metrics.suspectedDuplicates.inc({ channel, resolution: 'avoided' });
      return 'delivered';
    }
    if (found.kind === 'unverifiable') {
      this.metrics.suspectedDuplicates.inc({ channel, resolution: 'resent_unverified' });
    }
    const detail =
      found.kind === 'absent'
        ? 'timed out; the provider has no such message, sending again'
        : 'timed out; the provider cannot be asked, sending again under the same message id';
    await this.records.transition(
      record.id,
      ['unknown'],
      'scheduled',
      { sentAt: null, channel: null, detail },
      now,
    );
    return 'resend';
  }
}
