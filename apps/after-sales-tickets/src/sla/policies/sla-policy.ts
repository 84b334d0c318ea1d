import type { CalendarDefinition } from '@merchant-pulse/business-calendar';
import { SLA_KINDS, TICKET_PRIORITIES } from '@merchant-pulse/contracts';
import type { SlaKind, TicketCategory, TicketChannel, TicketPriority } from '@merchant-pulse/contracts';
import type { SlaMerchantFacts } from '../sla-tracker';

/** Business seconds allowed per SLA kind. */
export type SlaTargets = Record<SlaKind, number>;

/** An SLA policy: targets per priority, counted on a calendar. */
export interface SlaPolicy {
  id: string;
  name: string;
  /** Calendar the targets count on; null = the calendar of the ticket's team. */
  calendarId: string | null;
  targets: Record<TicketPriority, SlaTargets>;
  /** How many breaches of one kind escalate (level n is due after n targets). */
  escalationLevels: number;
}

/** Conditions of a rule: each listed field must hold one of its values; absent fields match anything. */
export interface SlaRuleMatch {
  categories?: TicketCategory[];
  channels?: TicketChannel[];
  valueTiers?: string[];
  behaviourTiers?: string[];
  riskBands?: string[];
  /** SLA tiers of the merchant's membership (`standard`, `priority` for gold, `vip`), from MembershipChanged. */
  slaTiers?: string[];
}

/** A selection rule: the first enabled rule (by position) that matches picks the policy and a priority floor. */
export interface SlaRule {
  id: string;
  position: number;
  /** Human explanation, shown as the ticket's SLA reason. */
  description: string;
  match: SlaRuleMatch;
  policyId: string;
  /** The priority is raised to at least this; never lowered. */
  minPriority?: TicketPriority | null;
  enabled?: boolean;
}

/** Calendars, policies and rules, as configured. */
export interface SlaSetup {
  calendars: Array<CalendarDefinition & { name: string }>;
  policies: SlaPolicy[];
  rules: SlaRule[];
}

/** What the rules see of a ticket. */
export interface RuleInput {
  category: TicketCategory;
  channel: TicketChannel;
  requestedPriority: TicketPriority;
  facts: SlaMerchantFacts;
}

/** The outcome of {@link selectPolicy}. */
export interface PolicySelection {
  policy: SlaPolicy;
  priority: TicketPriority;
  /** Why: the rule's id and description, and whether it raised the priority. */
  rule: string;
}

/** The id of the policy that applies when no rule matches. */
export const DEFAULT_POLICY_ID = 'standard';

function holds(allowed: readonly string[] | undefined, value: string | null): boolean {
  return allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));
}

/** Whether every condition of `match` holds for the input. */
export function ruleMatches(match: SlaRuleMatch, input: RuleInput): boolean {
  return (
    holds(match.categories, input.category) &&
    holds(match.channels, input.channel) &&
    holds(match.valueTiers, input.facts.valueTier) &&
    holds(match.behaviourTiers, input.facts.behaviourTier) &&
    holds(match.riskBands, input.facts.riskBand) &&
    holds(match.slaTiers, input.facts.slaTier ?? null)
  );
}

/** The higher of two priorities. */
export function maxPriority(a: TicketPriority, b: TicketPriority): TicketPriority {
  return TICKET_PRIORITIES.indexOf(a) >= TICKET_PRIORITIES.indexOf(b) ? a : b;
}

/**
 * Picks the policy and priority of a ticket: the first enabled matching rule by position, else the
 * default policy at the requested priority. A rule only raises the priority (an at-risk high-value
 * merchant's ticket becomes urgent); the explanation names the rule.
 */
export function selectPolicy(
  rules: readonly SlaRule[],
  policies: ReadonlyMap<string, SlaPolicy>,
  input: RuleInput,
): PolicySelection {
  const ordered = [...rules].filter((r) => r.enabled !== false).sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    const policy = policies.get(rule.policyId);
    if (!policy || !ruleMatches(rule.match, input)) continue;
    const priority = rule.minPriority
      ? maxPriority(input.requestedPriority, rule.minPriority)
      : input.requestedPriority;
    const raised = priority !== input.requestedPriority ? ` (raised from ${input.requestedPriority})` : '';
    return { policy, priority, rule: `${rule.id}: ${rule.description} → ${policy.id}/${priority}${raised}` };
  }
  const policy = policies.get(DEFAULT_POLICY_ID);
  if (!policy)
    throw new Error(`SLA policy "${DEFAULT_POLICY_ID}" is missing: it applies when no rule matches`);
  return {
    policy,
    priority: input.requestedPriority,
    rule: `default: no rule matched → ${policy.id}/${input.requestedPriority}`,
  };
}

/** Every problem of a policy's targets (empty when valid): each priority needs a positive target per kind. */
export function policyIssues(policy: Pick<SlaPolicy, 'targets'>): string[] {
  const issues: string[] = [];
  for (const p of TICKET_PRIORITIES) {
    for (const k of SLA_KINDS) {
      const v = policy.targets?.[p]?.[k];
      if (!Number.isInteger(v) || v <= 0)
        issues.push(`targets.${p}.${k} must be a positive integer (seconds)`);
    }
  }
  return issues;
}
