import { anAgent } from '../testing/tickets.fakes';
import { CATEGORY_SKILL, pickAgent, raisedPriority } from './routing.policy';

describe('pickAgent', () => {
  it('should pick the agent assigned longest ago when several are free (round-robin)', () => {
    const agents = [
      anAgent('a', 't', { lastAssignedAt: new Date('2026-04-10T02:00:00Z'), openTickets: 0 }),
      anAgent('b', 't', { lastAssignedAt: new Date('2026-04-10T01:00:00Z'), openTickets: 3 }),
    ];
    expect(pickAgent(agents)?.id).toBe('b');
  });

  it('should pick the least loaded when round-robin ties (never assigned)', () => {
    const agents = [anAgent('a', 't', { openTickets: 2 }), anAgent('b', 't', { openTickets: 1 })];
    expect(pickAgent(agents)?.id).toBe('b');
  });

  it('should skip agents who are unavailable or at capacity, and return null when none is left', () => {
    const agents = [
      anAgent('a', 't', { available: false }),
      anAgent('b', 't', { capacity: 2, openTickets: 2 }),
    ];
    expect(pickAgent(agents)).toBeNull();
    expect(pickAgent([...agents, anAgent('c', 't', { openTickets: 4 })])?.id).toBe('c');
  });
});

describe('routing rules', () => {
  it('should send device, card-read and system failures to the device skill and fees to billing', () => {
    expect([
      CATEGORY_SKILL.device_fault,
      CATEGORY_SKILL.card_read_failure,
      CATEGORY_SKILL.system_failure,
    ]).toEqual(['device', 'device', 'device']);
    expect(CATEGORY_SKILL.network).toBe('network');
    expect([CATEGORY_SKILL.fee_question, CATEGORY_SKILL.fee_complaint]).toEqual(['billing', 'billing']);
    expect(CATEGORY_SKILL.application_kyc).toBe('onboarding');
  });

  it('should raise priority one step and keep urgent urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisedPriority(p as never))).toEqual([
      'normal',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
