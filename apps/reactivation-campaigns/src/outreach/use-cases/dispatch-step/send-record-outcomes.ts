import { Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import type { SkipReason } from '../../guards/outreach-guards';
import { emitOutreachEvents, outreachFailed } from '../../outreach.events';
import { OutreachMetrics } from '../../outreach.metrics';
import { SendRecord, SendRecordRepository } from '../../send-record.repository';
import { DispatchOutcome } from './dispatch-step.command';

const DONE: DispatchOutcome = { kind: 'done' };

/**
 * How a dispatch ends without a hand-over, each recorded on the send record (compare-and-set, so a
 * concurrent delivery or cancel wins cleanly) and counted: skipped by a guard, held for the send window,
 * expired, interrupted, or every channel exhausted.
 */
@Injectable()
export class SendRecordOutcomes {
  constructor(
    private readonly records: SendRecordRepository,
    private readonly metrics: OutreachMetrics,
  ) {}

  async skip(
    record: SendRecord,
    reason: SkipReason,
    now: Date,
    events: Parameters<typeof emitOutreachEvents>[1] = [],
  ): Promise<DispatchOutcome> {
    const done = await this.records.transaction(async (manager) => {
      const moved = await this.records.transition(
        record.id,
        ['scheduled', 'held'],
        'skipped',
        { skipReason: reason },
        now,
        manager,
      );
      if (moved) await emitOutreachEvents(manager, events);
      return moved;
    });
    if (done) this.metrics.skipped.inc({ reason });
    return DONE;
  }

  async hold(
    record: SendRecord,
    until: Date,
    now: Date,
    reason: 'send_window' | 'quiet_hours' = 'send_window',
  ): Promise<DispatchOutcome> {
    await this.records.transition(record.id, ['scheduled', 'held'], 'held', { heldUntil: until }, now);
    this.metrics.held.inc({ reason });
    return { kind: 'hold', until };
  }

  async expire(record: SendRecord, now: Date): Promise<DispatchOutcome> {
    const channel = record.plannedChannel as OutreachChannel;
    await this.records.transaction(async (manager) => {
      const moved = await this.records.transition(
        record.id,
        ['scheduled', 'held'],
        'expired',
        { failureReason: 'expired' },
        now,
        manager,
      );
      if (moved)
        await emitOutreachEvents(manager, [outreachFailed(record, channel, 'expired', false, null, now)]);
    });
    this.metrics.outreach.inc({ channel, outcome: 'expired' });
    return DONE;
  }

  /** A process died between the hand-over and its record: never send again (at most once). */
  async closeInterrupted(record: SendRecord, now: Date): Promise<DispatchOutcome> {
    const channel = (record.channel ?? record.plannedChannel) as OutreachChannel;
    const detail = 'interrupted between hand-over and acknowledgement; not re-sent';
    await this.records.transaction(async (manager) => {
      const moved = await this.records.transition(
        record.id,
        ['sending'],
        'failed',
        { failureReason: 'provider_error', detail },
        now,
        manager,
      );
      if (moved)
        await emitOutreachEvents(manager, [
          outreachFailed(record, channel, 'provider_error', false, detail, now),
        ]);
    });
    this.metrics.outreach.inc({ channel, outcome: 'interrupted' });
    return DONE;
  }

  /** Every channel was unusable or failed: consent/contact gaps are skips, delivery failures failures. */
  async exhausted(record: SendRecord, trail: string[], now: Date): Promise<DispatchOutcome> {
    const delivery = trail.filter((t) => t === 'invalid_contact' || t === 'provider_error');
    if (delivery.length === 0)
      return this.skip(record, trail.includes('no_consent') ? 'no_consent' : 'no_contact', now);
    await this.records.transition(
      record.id,
      ['scheduled', 'held'],
      'failed',
      { failureReason: delivery[delivery.length - 1], detail: trail.join(',') },
      now,
    );
    return DONE;
  }
}
