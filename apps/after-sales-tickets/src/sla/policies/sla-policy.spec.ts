import { DEFAULT_SLA_SETUP } from './default-sla-setup';
import { policyIssues, selectPolicy } from './sla-policy';

const policies = new Map(DEFAULT_SLA_SETUP.policies.map((p) => [p.id, p]));
const rules = DEFAULT_SLA_SETUP.rules;
const noFacts = { valueTier: null, behaviourTier: null, riskBand: null };

describe(selectPolicy.name, () => {
  it('should give an at-risk high-value merchant the fastest tier when the rules apply', () => {
    const s = selectPolicy(rules, policies, {
      category: 'fee_question',
      channel: 'phone',
      requestedPriority: 'low',
      facts: { valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'medium' },
    });
    expect(s.policy.id).toBe('priority-24x7');
    expect(s.priority).toBe('urgent');
    expect(s.rule).toContain('at-risk high-value');
    expect(s.rule).toContain('raised from low');
  });

  it('should keep the requested priority on the standard policy when no rule matches', () => {
    const s = selectPolicy(rules, policies, {
      category: 'operation_question',
      channel: 'online',
      requestedPriority: 'normal',
      facts: { valueTier: 'high', behaviourTier: 'active', riskBand: 'low' },
    });
    expect(s).toMatchObject({ priority: 'normal', rule: 'default: no rule matched → standard/normal' });
    expect(s.policy.id).toBe('standard');
  });

  it('should only raise the priority when a rule sets a floor', () => {
    const s = selectPolicy(rules, policies, {
      category: 'device_fault',
      channel: 'proactive',
      requestedPriority: 'urgent',
      facts: noFacts,
    });
    expect(s.priority).toBe('urgent');
    expect(s.rule).toMatch(/^terminal-down/);
  });

  it('should skip disabled rules and rules of missing policies', () => {
    const s = selectPolicy(
      [
        { ...rules[0], enabled: false },
        { ...rules[1], policyId: 'gone' },
      ],
      policies,
      {
        category: 'other',
        channel: 'email',
        requestedPriority: 'low',
        facts: { valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'high' },
      },
    );
    expect(s.policy.id).toBe('standard');
  });

  it('should name every missing target when a policy is incomplete', () => {
    const issues = policyIssues({
      targets: { ...DEFAULT_SLA_SETUP.policies[0].targets, low: { first_response: 0 } } as never,
    });
    expect(issues).toEqual([
      'targets.low.first_response must be a positive integer (seconds)',
      'targets.low.next_response must be a positive integer (seconds)',
      'targets.low.resolution must be a positive integer (seconds)',
    ]);
  });
});
