import type { TicketCategory, TicketPriority } from '@merchant-pulse/contracts';
import type { AgentRecord } from './routing.repository';

/** Skills of the support teams (the seed's after-sales organisation). */
export const SKILLS = ['device', 'network', 'billing', 'onboarding'] as const;
/** A support skill. */
export type Skill = (typeof SKILLS)[number];

/**
 * Which skill a category needs: terminals and their failures → device; connectivity → network;
 * fees → billing; applications, training and anything else → onboarding (the generalist desk).
 */
export const CATEGORY_SKILL: Record<TicketCategory, Skill> = {
  device_fault: 'device',
  card_read_failure: 'device',
  system_failure: 'device',
  network: 'network',
  fee_question: 'billing',
  fee_complaint: 'billing',
  application_kyc: 'onboarding',
  operation_question: 'onboarding',
  other: 'onboarding',
};

/**
 * Round-robin among the available agents with spare capacity: the one assigned longest ago (never
 * assigned first); on a tie, the least loaded; then by id, so the choice is deterministic.
 */
export function pickAgent(agents: readonly AgentRecord[]): AgentRecord | null {
  const candidates = agents.filter((a) => a.available && a.openTickets < a.capacity);
  if (candidates.length === 0) return null;
  const time = (a: AgentRecord) =>
    a.lastAssignedAt === null ? -Infinity : new Date(a.lastAssignedAt).getTime();
  return [...candidates].sort(
    (a, b) => time(a) - time(b) || a.openTickets - b.openTickets || a.id.localeCompare(b.id),
  )[0];
}

const PRIORITY_ORDER: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

/** One step up (urgent stays urgent). */
export function raisedPriority(priority: TicketPriority): TicketPriority {
  return PRIORITY_ORDER[Math.min(PRIORITY_ORDER.indexOf(priority) + 1, PRIORITY_ORDER.length - 1)];
}

/** Whether `a` is more urgent than `b`. */
export function isMoreUrgent(a: TicketPriority, b: TicketPriority): boolean {
  return PRIORITY_ORDER.indexOf(a) > PRIORITY_ORDER.indexOf(b);
}
