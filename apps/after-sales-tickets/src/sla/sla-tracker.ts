import type { TicketCategory, TicketChannel, TicketPriority, TicketStatus } from '@merchant-pulse/contracts';

/** What the SLA side needs of a ticket. */
export interface SlaTicket {
  ticketId: string;
  merchantId: string;
  category: TicketCategory;
  channel: TicketChannel;
  /** Priority asked for by the opener; the SLA rules may raise it. */
  requestedPriority: TicketPriority;
  teamId: string;
  openedAt: Date;
}

/** Merchant facts the policy rules use (from the service's churn.risk.v1 projection and membership). */
export interface SlaMerchantFacts {
  valueTier: string | null;
  behaviourTier: string | null;
  riskBand: string | null;
  /** SLA tier of the merchant's membership (MembershipChanged privileges); absent/null = no membership known. */
  slaTier?: string | null;
}

/** The policy chosen for a ticket and its first due times. */
export interface SlaAssignment {
  policyId: string;
  priority: TicketPriority;
  /** Why this policy/priority (e.g. "at-risk high-value merchant → urgent"). */
  rule: string;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/**
 * Port between the ticket lifecycle (tickets/) and the SLA engine (sla/): the lifecycle calls these in
 * the same order things happen; the engine keeps its own clocks (business-hours calendars), BullMQ
 * timers with deterministic ids, warnings at 75% and breaches at 100%.
 */
export abstract class SlaTracker {
  abstract opened(ticket: SlaTicket, facts: SlaMerchantFacts): Promise<SlaAssignment>;
  abstract statusChanged(ticketId: string, from: TicketStatus, to: TicketStatus, at: Date): Promise<void>;
  abstract priorityChanged(ticketId: string, priority: TicketPriority, at: Date): Promise<void>;
  /** An agent's reply to the merchant (not an internal note): first/next response. */
  abstract agentReplied(ticketId: string, at: Date): Promise<void>;
  abstract teamChanged(ticketId: string, teamId: string, at: Date): Promise<void>;
  /**
   * The merchant's facts moved it to a faster SLA tier (a membership upgrade): its active tickets switch
   * to the policy the rules now pick (priority kept). Returns the new assignment of each ticket moved.
   */
  abstract merchantFactsChanged(
    merchantId: string,
    facts: SlaMerchantFacts,
    at: Date,
  ): Promise<Array<SlaAssignment & { ticketId: string }>>;
}

/** What the SLA engine asks of the ticket lifecycle when a target is breached. */
export interface EscalationRequest {
  ticketId: string;
  kind: 'first_response' | 'next_response' | 'resolution';
  /** 1 for the first breach of this kind, 2 for the next level, … */
  level: number;
  dueAt: Date;
  breachedAt: Date;
}

/** Implemented by the ticket lifecycle: reassign to the next level and raise the priority. */
export abstract class TicketEscalation {
  abstract escalate(request: EscalationRequest): Promise<void>;
}
