import { Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { sendIdOf } from '../outreach/bullmq-outreach.scheduler';
import { OfferSpec, OutreachPurpose, OutreachScheduler } from '../outreach/outreach-scheduler';

/** One care contact to hand to outreach: a visit, a survey, a training offer or a ticket's CSAT link. */
export interface CareContact {
  /** Outreach campaign id of the contact (`care-visit:<id>`, `care-survey:<id>`, …; ≤ 64 characters). */
  campaignId: string;
  merchantId: string;
  /** The care row behind it (visit, survey, offer id). */
  sourceId: string;
  channel: OutreachChannel;
  fallbackChannels: OutreachChannel[];
  templateId: string;
  purpose: OutreachPurpose;
  variables: Record<string, string | number>;
  offer?: OfferSpec;
  at: Date;
  validUntil: Date;
}

/**
 * The care programme's door into outreach: every contact is one step of a one-merchant "campaign", so it
 * gets the guards at send time (status, fix-first for marketing, send window, consent for the purpose
 * read from the registry, frequency cap for marketing), the channel queues and the send record. Repeating
 * a hand-over is harmless (deterministic send and job ids).
 */
@Injectable()
export class CareOutreach {
  constructor(private readonly scheduler: OutreachScheduler) {}

  /** The send record id the contact will have (stored on the care row before the hand-over). */
  static sendIdOf(campaignId: string, merchantId: string): string {
    return sendIdOf(campaignId, merchantId, 0);
  }

  async handOver(contact: CareContact): Promise<void> {
    await this.scheduler.schedule({
      enrolmentId: contact.sourceId,
      campaignId: contact.campaignId,
      merchantId: contact.merchantId,
      arm: 'treatment',
      enrolledAt: contact.at,
      validUntil: contact.validUntil,
      variables: contact.variables,
      steps: [
        {
          index: 0,
          channel: contact.channel,
          fallbackChannels: contact.fallbackChannels,
          delayDays: 0,
          templateId: contact.templateId,
          purpose: contact.purpose,
          onlyIfNotReactivated: false,
          valueTiers: [],
          ...(contact.offer ? { offer: contact.offer } : {}),
        },
      ],
    });
  }
}
