import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  RESOLUTION_VERIFICATIONS,
  SLA_KINDS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
} from '../vocabulary';
import type {
  ResolutionVerification,
  SlaKind,
  TicketCategory,
  TicketPriority,
  TicketSource,
  TicketStatus,
} from '../vocabulary';
import { IsIdentifier, IsText, IsUtcInstant } from '../validation/contract-validators';

/**
 * support.tickets.v1 — produced by after-sales-tickets. SLA due times are computed by the ticket
 * service from its SLA policy (per priority) and its clock.
 */

/** A ticket was opened for the merchant. */
export class TicketOpenedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** device_fault | network | card_read_failure | fee_question | other. */
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  /** low | normal | high | urgent; selects the SLA policy. */
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  /** Who opened it; `terminal_health` when opened from TerminalHealthDegraded. */
  @IsIn(TICKET_SOURCES)
  source: TicketSource;

  /** Terminal concerned, for device, network and card-read tickets. */
  @IsOptional()
  @IsIdentifier()
  terminalId?: string;

  /** Short summary for the queue (no personal data). */
  @IsText(1, 200)
  subject: string;

  /** When the ticket was opened (UTC). */
  @IsUtcInstant()
  openedAt: string;

  /** When the first response is due (UTC). */
  @IsUtcInstant()
  firstResponseDueAt: string;

  /** When resolution is due (UTC). */
  @IsUtcInstant()
  resolutionDueAt: string;
}

/** A ticket moved between statuses. */
export class TicketStatusChangedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** Status before. */
  @IsIn(TICKET_STATUSES)
  from: TicketStatus;

  /** Status after. */
  @IsIn(TICKET_STATUSES)
  to: TicketStatus;

  /** Agent the ticket is assigned to after the change, if any. */
  @IsOptional()
  @IsIdentifier()
  assigneeId?: string;

  /** Resolution summary, when `to` is resolved or closed. */
  @IsOptional()
  @IsText(1, 500)
  resolution?: string;

  /** When the status changed (UTC). */
  @IsUtcInstant()
  changedAt: string;

  /**
   * How a device, card-read or network ticket's resolution was verified: `transaction` (the terminal's
   * next approved transaction), `terminal_recovered` (TerminalHealthRecovered) or `override` (an agent,
   * with a reason). Absent for other tickets and other moves.
   */
  @IsOptional()
  @IsIn(RESOLUTION_VERIFICATIONS)
  verifiedBy?: ResolutionVerification;

  /** When the verifying transaction or recovery happened (UTC), with `verifiedBy`. */
  @IsOptional()
  @IsUtcInstant()
  verifiedAt?: string;
}

/** An SLA timer of a ticket expired before the ticket met it. Emitted once per (ticket, SLA kind, level). */
export class TicketSlaBreachedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** first_response or resolution. */
  @IsIn(SLA_KINDS)
  sla: SlaKind;

  /** Ticket category, for breach dashboards. */
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  /** Ticket priority at the time of the breach. */
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  /** When the SLA was due (UTC). */
  @IsUtcInstant()
  dueAt: string;

  /** When the breach was detected (UTC, at or after dueAt). */
  @IsUtcInstant()
  breachedAt: string;

  /**
   * Escalation level of this breach: 1 when the target is first missed, 2 when it is missed again by
   * another full target, … Absent means 1 (events produced before levels existed).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  level?: number;
}

/** The merchant answered the satisfaction survey of a resolved ticket. */
export class SurveyAnsweredV1 {
  /** Ticket the survey was about. */
  @IsIdentifier()
  ticketId: string;

  /** Survey id. */
  @IsIdentifier()
  surveyId: string;

  /** Satisfaction, 1 (very unhappy) – 5 (very happy). */
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  /** Free-text comment, if any. */
  @IsOptional()
  @IsText(1, 1000)
  comment?: string;

  /** When the merchant answered (UTC). */
  @IsUtcInstant()
  answeredAt: string;
}

/** A ticket was (re)assigned: to a team and, when one was available, an agent. */
export class TicketAssignedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** Team now responsible. */
  @IsIdentifier()
  teamId: string;

  /** Agent now responsible, absent when the team has no available agent yet. */
  @IsOptional()
  @IsIdentifier()
  assigneeId?: string;

  /** Agent before, if any. */
  @IsOptional()
  @IsIdentifier()
  previousAssigneeId?: string;

  /** `routing` (skills round-robin), `manual` (an agent or lead) or `escalation` (an SLA breach). */
  @IsIn(['routing', 'manual', 'escalation'])
  reason: 'routing' | 'manual' | 'escalation';

  /** When it happened (UTC). */
  @IsUtcInstant()
  assignedAt: string;
}

/** One audited field of a ticket changed (priority, category, terminal, subject, links, attachments, …). */
export class TicketUpdatedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** The field, snake_case (e.g. `priority`, `category`, `terminal_id`, `attachment`, `field_visit`). */
  @Matches(/^[a-z][a-z0-9_.]{0,63}$/)
  field: string;

  /** Value before, as text (absent when there was none). */
  @IsOptional()
  @IsText(1, 500)
  from?: string;

  /** Value after, as text (absent when cleared). */
  @IsOptional()
  @IsText(1, 500)
  to?: string;

  /** Who changed it: an agent id, `system`, `sla` or `merchant`. */
  @IsIdentifier()
  actor: string;

  /** Why, when given. */
  @IsOptional()
  @IsText(1, 500)
  reason?: string;

  /** When it changed (UTC). */
  @IsUtcInstant()
  changedAt: string;
}

/** A duplicate ticket was merged into another (it is closed; its history stays readable). */
export class TicketMergedV1 {
  /** The duplicate, now closed. */
  @IsIdentifier()
  ticketId: string;

  /** The ticket that carries on. */
  @IsIdentifier()
  intoTicketId: string;

  /** Who merged them. */
  @IsIdentifier()
  actor: string;

  /** When (UTC). */
  @IsUtcInstant()
  mergedAt: string;
}

/**
 * A satisfaction survey is ready for a resolved ticket. `surveyPath` is the single-use signed link
 * (`/v1/surveys/<token>` on after-sales-tickets); reactivation-campaigns may deliver it through its
 * outreach channels (service purpose, consent checked there).
 */
export class SurveyRequestedV1 {
  /** Ticket the survey is about. */
  @IsIdentifier()
  ticketId: string;

  /** Survey id. */
  @IsIdentifier()
  surveyId: string;

  /** Path of the answer endpoint, with the signed token. */
  @Matches(/^\/v1\/surveys\/[A-Za-z0-9_.-]{16,512}$/)
  surveyPath: string;

  /** After this instant (UTC) the token is refused. */
  @IsUtcInstant()
  expiresAt: string;
}

/**
 * An SLA timer of a ticket reached 75% of its target (business time) while still running: a warning
 * before the breach. Emitted once per (ticket, SLA kind).
 */
export class TicketSlaWarnedV1 {
  /** Ticket id. */
  @IsIdentifier()
  ticketId: string;

  /** first_response, next_response or resolution. */
  @IsIn(SLA_KINDS)
  sla: SlaKind;

  /** Ticket category. */
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  /** Ticket priority at the time of the warning. */
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  /** When the target is due (UTC) if the clock keeps running. */
  @IsUtcInstant()
  dueAt: string;

  /** When the warning fired (UTC). */
  @IsUtcInstant()
  warnedAt: string;
}
