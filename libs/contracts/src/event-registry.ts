import type { ClassConstructor } from 'class-transformer';
import type { EventEnvelope } from './envelope';
import {
  MerchantRegisteredV1,
  MerchantStatusChangedV1,
  MerchantClosureDeclaredV1,
  MerchantUpdatedV1,
  TerminalAssignedV1,
  TerminalStatusChangedV1,
} from './events/merchant-lifecycle.events';
import { FeeChangeAnnouncedV1, FeePlanChangedV1, FeePromotionGrantedV1 } from './events/fee-plan.events';
import { MerchantDailyActivityV1 } from './events/merchant-activity.events';
import { TerminalHealthDegradedV1, TerminalHealthRecoveredV1 } from './events/terminal-health.events';
import { MerchantRiskChangedV1 } from './events/churn-risk.events';
import {
  FixFirstRequestedV1,
  MerchantReactivatedV1,
  OutreachFailedV1,
  OutreachSentV1,
} from './events/campaign-outreach.events';
import {
  SurveyAnsweredV1,
  SurveyRequestedV1,
  TicketAssignedV1,
  TicketMergedV1,
  TicketOpenedV1,
  TicketSlaBreachedV1,
  TicketSlaWarnedV1,
  TicketStatusChangedV1,
  TicketUpdatedV1,
} from './events/support-tickets.events';
import { LoyaltyRewardRedeemedV1, MembershipChangedV1 } from './events/merchant-loyalty.events';
import { Topics } from './topics';
import type { TopicName } from './topics';
import type { ServiceName } from './vocabulary';

/** Payload type of every event type (version 1 of each). */
export interface EventPayloads {
  MerchantRegistered: MerchantRegisteredV1;
  MerchantUpdated: MerchantUpdatedV1;
  MerchantStatusChanged: MerchantStatusChangedV1;
  MerchantClosureDeclared: MerchantClosureDeclaredV1;
  TerminalAssigned: TerminalAssignedV1;
  TerminalStatusChanged: TerminalStatusChangedV1;
  FeePlanChanged: FeePlanChangedV1;
  FeeChangeAnnounced: FeeChangeAnnouncedV1;
  FeePromotionGranted: FeePromotionGrantedV1;
  MerchantDailyActivity: MerchantDailyActivityV1;
  TerminalHealthDegraded: TerminalHealthDegradedV1;
  TerminalHealthRecovered: TerminalHealthRecoveredV1;
  MerchantRiskChanged: MerchantRiskChangedV1;
  OutreachSent: OutreachSentV1;
  OutreachFailed: OutreachFailedV1;
  MerchantReactivated: MerchantReactivatedV1;
  FixFirstRequested: FixFirstRequestedV1;
  TicketOpened: TicketOpenedV1;
  TicketStatusChanged: TicketStatusChangedV1;
  TicketSlaBreached: TicketSlaBreachedV1;
  SurveyAnswered: SurveyAnsweredV1;
  MembershipChanged: MembershipChangedV1;
  LoyaltyRewardRedeemed: LoyaltyRewardRedeemedV1;
  TicketAssigned: TicketAssignedV1;
  TicketUpdated: TicketUpdatedV1;
  TicketMerged: TicketMergedV1;
  SurveyRequested: SurveyRequestedV1;
  TicketSlaWarned: TicketSlaWarnedV1;
}

/** What the registry knows about one event type. */
export interface EventDefinition<TPayload extends object = object> {
  /** Topic the event is published to (keyed by merchantId). */
  topic: TopicName;
  /** Current payload version; envelopes with another version are rejected as unsupported. */
  version: number;
  /** class-validator class of the payload (runtime validation and AsyncAPI schema). */
  payload: ClassConstructor<TPayload>;
  /** The one service allowed to produce it. */
  producer: ServiceName;
  /** One-line description for the AsyncAPI document. */
  summary: string;
}

/** Every event type of merchant-pulse. */
export type EventType = keyof EventPayloads;

/** The typed envelope of one event type: `EventOf<'MerchantRegistered'>`. */
export type EventOf<T extends EventType> = EventEnvelope<T, EventPayloads[T]>;

/** Any valid event: a union discriminated by `type`, so `switch (event.type)` narrows the payload. */
export type AnyEvent = { [K in EventType]: EventOf<K> }[EventType];

/**
 * The one map from event type to topic, version and payload class, shared by producers, consumers
 * and the AsyncAPI generator (immich's JobItem style). The mapped type makes it complete: adding a
 * type to {@link EventPayloads} without registering it does not compile.
 */
export const EventRegistry: { readonly [K in EventType]: EventDefinition<EventPayloads[K]> } = {
  MerchantRegistered: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: MerchantRegisteredV1,
    producer: 'merchant-registry',
    summary: 'A merchant was created in the registry.',
  },
  MerchantUpdated: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: MerchantUpdatedV1,
    producer: 'merchant-registry',
    summary: 'Merchant profile fields changed (full profile snapshot).',
  },
  MerchantStatusChanged: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: MerchantStatusChangedV1,
    producer: 'merchant-registry',
    summary: 'The merchant moved along the status machine.',
  },
  MerchantClosureDeclared: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: MerchantClosureDeclaredV1,
    producer: 'merchant-registry',
    summary:
      'The merchant declared a temporary closure: silence between startsOn and endsOn is a break, not churn.',
  },
  TerminalAssigned: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: TerminalAssignedV1,
    producer: 'merchant-registry',
    summary: 'A terminal was assigned to the merchant.',
  },
  TerminalStatusChanged: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: TerminalStatusChangedV1,
    producer: 'merchant-registry',
    summary: 'A terminal changed state.',
  },
  FeePlanChanged: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: FeePlanChangedV1,
    producer: 'merchant-registry',
    summary: 'A new fee-plan version took effect.',
  },
  FeeChangeAnnounced: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: FeeChangeAnnouncedV1,
    producer: 'merchant-registry',
    summary: 'A fee increase was announced ahead of its effective date.',
  },
  FeePromotionGranted: {
    topic: Topics.MerchantLifecycle,
    version: 1,
    payload: FeePromotionGrantedV1,
    producer: 'merchant-registry',
    summary: 'A promotional discount was granted: an overlay on the base plan that ends by itself.',
  },
  MerchantDailyActivity: {
    topic: Topics.MerchantActivity,
    version: 1,
    payload: MerchantDailyActivityV1,
    producer: 'transaction-ingestion',
    summary: 'Absolute activity totals for one (merchant, local date): a snapshot.',
  },
  TerminalHealthDegraded: {
    topic: Topics.TerminalHealth,
    version: 1,
    payload: TerminalHealthDegradedV1,
    producer: 'transaction-ingestion',
    summary: 'A terminal shows a card-read failure or decline spike, or went silent.',
  },
  TerminalHealthRecovered: {
    topic: Topics.TerminalHealth,
    version: 1,
    payload: TerminalHealthRecoveredV1,
    producer: 'transaction-ingestion',
    summary: 'A degraded terminal is healthy again.',
  },
  MerchantRiskChanged: {
    topic: Topics.ChurnRisk,
    version: 1,
    payload: MerchantRiskChangedV1,
    producer: 'churn-scoring',
    summary: 'Churn score band, behaviour tier or value tier changed, with reasons.',
  },
  OutreachSent: {
    topic: Topics.CampaignOutreach,
    version: 1,
    payload: OutreachSentV1,
    producer: 'reactivation-campaigns',
    summary: 'A campaign outreach was sent.',
  },
  OutreachFailed: {
    topic: Topics.CampaignOutreach,
    version: 1,
    payload: OutreachFailedV1,
    producer: 'reactivation-campaigns',
    summary: 'A campaign outreach could not be delivered.',
  },
  MerchantReactivated: {
    topic: Topics.CampaignOutreach,
    version: 1,
    payload: MerchantReactivatedV1,
    producer: 'reactivation-campaigns',
    summary: 'A campaign target transacted again (treatment or holdout arm).',
  },
  FixFirstRequested: {
    topic: Topics.CampaignOutreach,
    version: 1,
    payload: FixFirstRequestedV1,
    producer: 'reactivation-campaigns',
    summary:
      'A promotion was suppressed because the merchant has a device/network/card-read problem; support should fix it first.',
  },
  TicketOpened: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketOpenedV1,
    producer: 'after-sales-tickets',
    summary: 'An after-sales ticket was opened.',
  },
  TicketStatusChanged: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketStatusChangedV1,
    producer: 'after-sales-tickets',
    summary: 'A ticket changed status.',
  },
  TicketSlaBreached: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketSlaBreachedV1,
    producer: 'after-sales-tickets',
    summary: 'A ticket missed an SLA.',
  },
  SurveyAnswered: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: SurveyAnsweredV1,
    producer: 'after-sales-tickets',
    summary: 'The merchant answered a ticket satisfaction survey.',
  },
  MembershipChanged: {
    topic: Topics.MerchantLoyalty,
    version: 1,
    payload: MembershipChangedV1,
    producer: 'reactivation-campaigns',
    summary: "The merchant's loyalty membership tier changed (with its privileges, e.g. the SLA tier).",
  },
  LoyaltyRewardRedeemed: {
    topic: Topics.MerchantLoyalty,
    version: 1,
    payload: LoyaltyRewardRedeemedV1,
    producer: 'reactivation-campaigns',
    summary: 'Loyalty points were redeemed (fee relief, a free device check, a catalogue item).',
  },
  TicketAssigned: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketAssignedV1,
    producer: 'after-sales-tickets',
    summary: 'A ticket was assigned to a team and agent (routing, manual or escalation).',
  },
  TicketUpdated: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketUpdatedV1,
    producer: 'after-sales-tickets',
    summary: 'One audited field of a ticket changed (who, when, why).',
  },
  TicketMerged: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketMergedV1,
    producer: 'after-sales-tickets',
    summary: 'A duplicate ticket was merged into another.',
  },
  SurveyRequested: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: SurveyRequestedV1,
    producer: 'after-sales-tickets',
    summary: 'A satisfaction survey (single-use signed link) is ready for a resolved ticket.',
  },
  TicketSlaWarned: {
    topic: Topics.SupportTickets,
    version: 1,
    payload: TicketSlaWarnedV1,
    producer: 'after-sales-tickets',
    summary: 'A ticket reached 75% of an SLA target (business time) without meeting it.',
  },
};

/** Every event type, in registry order. */
export const EVENT_TYPES = Object.keys(EventRegistry) as EventType[];

/** True when `type` names a registered event type. */
export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(EventRegistry, type);
}

/** The topic an event type is published to. */
export function topicOf(type: EventType): TopicName {
  return EventRegistry[type].topic;
}

/** The event types published to a topic (empty for the raw transaction stream). */
export function eventTypesOf(topic: string): EventType[] {
  return EVENT_TYPES.filter((type) => EventRegistry[type].topic === topic);
}
