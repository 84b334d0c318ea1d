import type { SlaPolicy, SlaRule, SlaTargets } from './sla-policy';

const H = 3600;
const M = 60;
const t = (firstResponse: number, nextResponse: number, resolution: number): SlaTargets => ({
  first_response: firstResponse,
  next_response: nextResponse,
  resolution,
});

/**
 * VIP members (MembershipChanged privileges.slaTier `vip`): round the clock, and at every priority at
 * least as fast as any other seeded policy at the same priority (so an open ticket switched to it on an
 * upgrade never gets a later due time).
 */
const vip: SlaPolicy = {
  id: 'vip',
  name: 'VIP members, round the clock',
  calendarId: '24x7',
  targets: {
    low: t(30 * M, 1 * H, 8 * H),
    normal: t(20 * M, 45 * M, 6 * H),
    high: t(15 * M, 30 * M, 4 * H),
    urgent: t(10 * M, 20 * M, 3 * H),
  },
  escalationLevels: 3,
};

/**
 * Gold members (slaTier `priority`): business hours of the ticket's team, targets at every priority no
 * longer than the standard policy's.
 */
const priorityMember: SlaPolicy = {
  id: 'priority-member',
  name: 'Priority members (gold), business hours',
  calendarId: null,
  targets: {
    low: t(4 * H, 4 * H, 27 * H),
    normal: t(2 * H, 2 * H, 18 * H),
    high: t(30 * M, 1 * H, 6 * H),
    urgent: t(15 * M, 30 * M, 3 * H),
  },
  escalationLevels: 2,
};

/**
 * Membership rules, seeded beside the default ones (positions interleave with them; first match wins).
 * VIP comes first: its policy beats even the at-risk high-value rule (priority-24x7/urgent) at `high`.
 * Gold comes after the two churn-risk rules (their 24×7 urgent tier is faster) and before the category
 * rules, flooring at `high` like they do, so a gold merchant is never slower than a non-member.
 */
const rules: SlaRule[] = [
  {
    id: 'vip-member',
    position: 5,
    description: 'VIP member (membership SLA tier vip)',
    match: { slaTiers: ['vip'] },
    policyId: 'vip',
    minPriority: 'high',
  },
  {
    id: 'priority-member',
    position: 25,
    description: 'gold member (membership SLA tier priority)',
    match: { slaTiers: ['priority'] },
    policyId: 'priority-member',
    minPriority: 'high',
  },
];

/** Policies and rules for merchant membership (issue 13), seeded by their own migration. */
export const MEMBERSHIP_SLA_SETUP = { policies: [vip, priorityMember], rules } as const;

/** Rank of the membership SLA tiers: a change to a higher rank is an upgrade. */
export const SLA_TIER_RANK: Readonly<Record<string, number>> = { standard: 0, priority: 1, vip: 2 };
