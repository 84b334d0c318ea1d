import { TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_PRIORITIES } from '@merchant-pulse/contracts';
import { SLA_KINDS } from '@merchant-pulse/contracts';
import { DEFAULT_SLA_SETUP } from './default-sla-setup';
import { MEMBERSHIP_SLA_SETUP } from './membership-sla-setup';
import { policyIssues, selectPolicy } from './sla-policy';

const all = [...DEFAULT_SLA_SETUP.policies, ...MEMBERSHIP_SLA_SETUP.policies];
const policies = new Map(all.map((p) => [p.id, p]));
const rules = [...DEFAULT_SLA_SETUP.rules, ...MEMBERSHIP_SLA_SETUP.rules];
const FACTS = [
  { valueTier: null, behaviourTier: null, riskBand: null },
  { valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'high' },
  { valueTier: 'mid', behaviourTier: 'active', riskBand: 'low' },
];

/** First-response target of every combination of category, channel, priority and facts for a tier. */
function targets(slaTier: string | null): number[] {
  const out: number[] = [];
  for (const category of TICKET_CATEGORIES)
    for (const channel of TICKET_CHANNELS)
      for (const requestedPriority of TICKET_PRIORITIES)
        for (const facts of FACTS) {
          const s = selectPolicy(rules, policies, {
            category,
            channel,
            requestedPriority,
            facts: { ...facts, slaTier },
          });
          out.push(s.policy.targets[s.priority].first_response);
        }
  return out;
}

describe('membership SLA tiers', () => {
  it('should pick the VIP policy for a VIP member and the priority-member policy for a gold one', () => {
    const input = { category: 'other', channel: 'phone', requestedPriority: 'low' } as const;
    const vip = selectPolicy(rules, policies, { ...input, facts: { ...FACTS[0], slaTier: 'vip' } });
    const gold = selectPolicy(rules, policies, { ...input, facts: { ...FACTS[0], slaTier: 'priority' } });
    const none = selectPolicy(rules, policies, { ...input, facts: { ...FACTS[0], slaTier: 'standard' } });
    expect([vip.policy.id, vip.priority]).toEqual(['vip', 'high']);
    expect([gold.policy.id, gold.priority]).toEqual(['priority-member', 'high']);
    expect(none.policy.id).toBe('standard');
  });

  it('should never give a member a slower first-response target than a non-member with the same ticket', () => {
    const base = targets(null);
    const gold = targets('priority');
    const vip = targets('vip');
    base.forEach((b, i) => {
      expect(gold[i]).toBeLessThanOrEqual(b);
      expect(vip[i]).toBeLessThanOrEqual(gold[i]);
    });
    expect(vip.some((v, i) => v < base[i])).toBe(true);
  });

  it('should keep the VIP policy at least as fast as every other policy at each priority and kind', () => {
    const vip = policies.get('vip')!;
    for (const p of all)
      for (const priority of TICKET_PRIORITIES)
        for (const kind of SLA_KINDS)
          expect(vip.targets[priority][kind]).toBeLessThanOrEqual(p.targets[priority][kind]);
    for (const p of MEMBERSHIP_SLA_SETUP.policies) expect(policyIssues(p)).toEqual([]);
  });
});
