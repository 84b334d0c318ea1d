import type { TicketStatus } from '@merchant-pulse/contracts';
import { IllegalTransitionError } from '../shared/ticket.errors';

/**
 * open → assigned → in_progress ⇄ waiting_on_merchant → resolved → closed. A ticket may be resolved
 * from any working status, closed straight from open (cancelled, duplicate), and reopened
 * (resolved|closed → in_progress) within the configured number of days of its resolution.
 */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['assigned', 'in_progress', 'resolved', 'closed'],
  assigned: ['in_progress', 'waiting_on_merchant', 'resolved', 'open'],
  in_progress: ['waiting_on_merchant', 'resolved', 'assigned'],
  waiting_on_merchant: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** Statuses reachable from `from`. */
export function allowedNext(from: TicketStatus): readonly TicketStatus[] {
  return NEXT[from];
}

/** Refuses a move the machine does not allow (409 with the allowed moves). */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!NEXT[from].includes(to)) throw new IllegalTransitionError('ticket', from, to, NEXT[from]);
}

/** A move out of resolved/closed back to work. */
export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}
