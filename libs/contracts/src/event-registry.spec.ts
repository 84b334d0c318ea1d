import { EVENT_EXAMPLES } from './event-examples';
import {
  EVENT_TYPES,
  EventDefinition,
  EventRegistry,
  eventTypesOf,
  isEventType,
  topicOf,
} from './event-registry';
import { Topics } from './topics';
import { validateContract } from './validation/validate-contract';

/** The Topics table of DESIGN.md, verbatim (plus FeePromotionGranted, added for issue 10, FixFirstRequested, issue 11, merchant.loyalty.v1, issue 13, and MerchantClosureDeclared, issue 16). */
const DESIGN_TOPICS: Record<string, { producer: string; events: string[] }> = {
  'merchant.lifecycle.v1': {
    producer: 'merchant-registry',
    events: [
      'MerchantRegistered',
      'MerchantUpdated',
      'MerchantStatusChanged',
      'MerchantClosureDeclared',
      'TerminalAssigned',
      'TerminalStatusChanged',
      'FeePlanChanged',
      'FeeChangeAnnounced',
      'FeePromotionGranted',
    ],
  },
  'merchant.activity.v1': { producer: 'transaction-ingestion', events: ['MerchantDailyActivity'] },
  'terminal.health.v1': {
    producer: 'transaction-ingestion',
    events: ['TerminalHealthDegraded', 'TerminalHealthRecovered'],
  },
  'churn.risk.v1': { producer: 'churn-scoring', events: ['MerchantRiskChanged'] },
  'campaign.outreach.v1': {
    producer: 'reactivation-campaigns',
    events: ['OutreachSent', 'OutreachFailed', 'MerchantReactivated', 'FixFirstRequested'],
  },
  'support.tickets.v1': {
    producer: 'after-sales-tickets',
    events: [
      'TicketOpened',
      'TicketStatusChanged',
      'TicketSlaBreached',
      'SurveyAnswered',
      'TicketAssigned',
      'TicketUpdated',
      'TicketMerged',
      'SurveyRequested',
      'TicketSlaWarned',
    ],
  },
  'merchant.loyalty.v1': {
    producer: 'reactivation-campaigns',
    events: ['MembershipChanged', 'LoyaltyRewardRedeemed'],
  },
};

describe('EventRegistry', () => {
  it('should register exactly the event types of DESIGN.md', () => {
    const designed = Object.values(DESIGN_TOPICS).flatMap((topic) => topic.events);

    expect([...EVENT_TYPES].sort()).toEqual([...designed].sort());
  });

  it.each(Object.entries(DESIGN_TOPICS))(
    'should put on %s exactly its designed events and producer',
    (topic, spec) => {
      expect(eventTypesOf(topic).sort()).toEqual([...spec.events].sort());
      for (const type of eventTypesOf(topic)) expect(EventRegistry[type].producer).toBe(spec.producer);
    },
  );

  it('should use only topics declared in topics.ts, at version 1', () => {
    const declared = Object.values(Topics) as string[];

    for (const type of EVENT_TYPES) {
      expect(declared).toContain(topicOf(type));
      expect(EventRegistry[type].version).toBe(1);
    }
  });

  it('should carry no event on the raw transaction stream', () => {
    expect(eventTypesOf(Topics.AcquirerTransactions)).toEqual([]);
  });

  it.each(EVENT_TYPES)('should validate the %s example strictly against its payload class', (type) => {
    const definition: EventDefinition = EventRegistry[type];
    const { issues } = validateContract(definition.payload, EVENT_EXAMPLES[type], 'strict');

    expect(issues).toEqual([]);
  });

  it('should recognise only registered type names', () => {
    expect(isEventType('TicketOpened')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType(42)).toBe(false);
  });
});
