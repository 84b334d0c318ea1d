import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  BEHAVIOUR_TIERS,
  CAMPAIGN_ARMS,
  OUTREACH_CHANNELS,
  OUTREACH_FAILURE_REASONS,
  TICKET_CATEGORIES,
} from '../vocabulary';
import type {
  BehaviourTier,
  CampaignArm,
  OutreachChannel,
  OutreachFailureReason,
  TicketCategory,
} from '../vocabulary';
import {
  IsCount,
  IsIdentifier,
  IsPositiveInt32,
  IsText,
  IsUtcInstant,
} from '../validation/contract-validators';

/**
 * campaign.outreach.v1 — produced by reactivation-campaigns. Outreach events describe deliveries to
 * treatment-arm merchants; MerchantReactivated is emitted for both arms so uplift
 * (treatment rate − holdout rate) can be measured from the topic alone. No contact details here.
 */

/** An outreach message was handed to the provider (SMS/email) or a phone task was created. */
export class OutreachSentV1 {
  /** Campaign id. */
  @IsIdentifier()
  campaignId: string;

  /** Outreach id (one per merchant, campaign and attempt series); idempotency key for consumers. */
  @IsIdentifier()
  outreachId: string;

  /** sms | email | phone_task. */
  @IsIn(OUTREACH_CHANNELS)
  channel: OutreachChannel;

  /** Message template id (content lives in the campaign service). */
  @IsIdentifier()
  templateId: string;

  /** Attempt number, from 1. */
  @IsPositiveInt32()
  attempt: number;

  /** Provider's message id, when the provider returned one. */
  @IsOptional()
  @IsText(1, 128)
  providerMessageId?: string;

  /** When it was sent (UTC; after quiet hours in the merchant's timezone). */
  @IsUtcInstant()
  sentAt: string;
}

/** An outreach could not be delivered. `retryable` says whether a later attempt is planned. */
export class OutreachFailedV1 {
  /** Campaign id. */
  @IsIdentifier()
  campaignId: string;

  /** Outreach id. */
  @IsIdentifier()
  outreachId: string;

  /** sms | email | phone_task. */
  @IsIn(OUTREACH_CHANNELS)
  channel: OutreachChannel;

  /** Attempt number, from 1. */
  @IsPositiveInt32()
  attempt: number;

  /** Why it failed. */
  @IsIn(OUTREACH_FAILURE_REASONS)
  reason: OutreachFailureReason;

  /** Provider or internal detail for humans. */
  @IsOptional()
  @IsText(1, 500)
  detail?: string;

  /** True when the campaign will try again (e.g. provider_error, rate_limited). */
  @IsBoolean()
  retryable: boolean;

  /** When it failed (UTC). */
  @IsUtcInstant()
  failedAt: string;
}

/** A dormant/churned campaign target transacted again within the campaign's attribution window. */
export class MerchantReactivatedV1 {
  /** Campaign the merchant was a target of. */
  @IsIdentifier()
  campaignId: string;

  /** treatment (was contacted) or holdout (was deliberately not contacted). */
  @IsIn(CAMPAIGN_ARMS)
  arm: CampaignArm;

  /** Last outreach sent before the reactivation; absent for holdout merchants. */
  @IsOptional()
  @IsIdentifier()
  outreachId?: string;

  /** Behaviour tier when the merchant entered the campaign audience. */
  @IsIn(BEHAVIOUR_TIERS)
  previousBehaviourTier: BehaviourTier;

  /** Days without an approved transaction before the reactivating one. */
  @IsCount()
  daysInactive: number;

  /** The approved transaction that counted as reactivation (UTC). */
  @IsUtcInstant()
  reactivatedAt: string;
}

/**
 * Fix-first hand-over: a campaign was about to promote to a merchant whose device, network or card reads
 * are failing (an open ticket of that kind, or a degraded terminal), so it sent nothing and asks
 * support to fix the problem first. after-sales-tickets may open (or attach to) a ticket with channel
 * `campaign`. One per (campaign, merchant, step): `requestId` is the idempotency key.
 */
export class FixFirstRequestedV1 {
  /** Idempotency key of the request (the suppressed send record). */
  @IsIdentifier()
  requestId: string;

  /** Campaign that suppressed its promotion. */
  @IsIdentifier()
  campaignId: string;

  /** Ticket category support should handle (device_fault, network, card_read_failure). */
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  /** Open tickets that caused the suppression (may be empty when a degraded terminal did). */
  @IsArray()
  @ArrayMaxSize(50)
  @IsIdentifier({ each: true })
  openTicketIds: string[];

  /** Degraded terminals that caused the suppression (may be empty). */
  @IsArray()
  @ArrayMaxSize(50)
  @IsIdentifier({ each: true })
  degradedTerminalIds: string[];

  /** Human summary for the agent (Chinese by default). */
  @IsText(1, 500)
  summary: string;

  /** When the promotion was suppressed (UTC). */
  @IsUtcInstant()
  requestedAt: string;
}
