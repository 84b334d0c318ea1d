import type { CampaignArm, OutreachChannel } from '@merchant-pulse/contracts';

/** Purpose of a contact: marketing counts against frequency caps and needs marketing consent. */
export type OutreachPurpose = 'marketing' | 'service';

/** An offer attached to a step (seeds: fee discount, a month waived, free device check, training). */
export type OfferSpec =
  | { kind: 'fee_discount'; discountBps: number; days: number; grantedAtSend?: boolean }
  | { kind: 'month_waived'; grantedAtSend?: boolean }
  | { kind: 'device_check' }
  | { kind: 'training' };

/** One step of a campaign arm's sequence (e.g. SMS day 0 → email day 2 → phone task day 5). */
export interface CampaignStep {
  /** Position in the sequence, from 0. */
  index: number;
  channel: OutreachChannel;
  /** Channels tried in order when this one has no consent/contact or delivery fails. */
  fallbackChannels: OutreachChannel[];
  /** Days after enrolment the step is due. */
  delayDays: number;
  /** Template id (rendered per channel, zh-CN by default). */
  templateId: string;
  purpose: OutreachPurpose;
  /** Only send when the merchant has not converted yet (default true). */
  onlyIfNotReactivated: boolean;
  /** Only for these value tiers (empty = all). */
  valueTiers: string[];
  offer?: OfferSpec;
}

/** A merchant enrolled in a campaign: what the outreach side needs to schedule its steps. */
export interface EnrolledMerchant {
  enrolmentId: string;
  campaignId: string;
  merchantId: string;
  arm: CampaignArm;
  enrolledAt: Date;
  /** Steps of the merchant's arm; the holdout arm has none and is never contacted. */
  steps: CampaignStep[];
  /** Jobs not sent by then expire as `expired`. */
  validUntil: Date;
  /** Template variables fixed at enrolment (e.g. reason text, fee comparison for notices). */
  variables: Record<string, string | number>;
}

/** Counts of the outreach side for a campaign's results. */
export interface OutreachFunnelCounts {
  /** Merchants with at least one send attempt. */
  contacted: number;
  /** Merchants with at least one delivered message or completed phone task. */
  delivered: number;
  failed: number;
  skippedByReason: Record<string, number>;
  sendsByChannel: Record<string, number>;
  /** Offers accepted and their estimated cost (minor units) over the attribution window. */
  offersAccepted: number;
  offerCostMinor: number;
}

/**
 * Port between enrolment (campaigns/) and outreach (outreach/): enrolment calls schedule() once per
 * enrolled merchant (idempotent: deterministic job ids per (campaign, merchant, step)) and cancel()
 * when the merchant exits (reactivated, status changed, campaign paused/completed).
 */
export abstract class OutreachScheduler {
  abstract schedule(enrolment: EnrolledMerchant): Promise<void>;
  /** schedule() for many enrolments at once (one insert and one bulk add per channel where supported). */
  async scheduleMany(enrolments: readonly EnrolledMerchant[]): Promise<void> {
    for (const enrolment of enrolments) await this.schedule(enrolment);
  }
  abstract cancel(campaignId: string, merchantId: string, reason: string): Promise<void>;
  abstract funnel(campaignId: string): Promise<OutreachFunnelCounts>;
}
