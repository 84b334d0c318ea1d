// The SLA state the ticket board shows: due instants come from the tickets service (business hours);
// the board compares them with that service's clock.

/** A ticket as the tickets service lists it. */
export interface TicketRow {
  id: string;
  merchantId: string;
  category: string;
  priority: string;
  status: string;
  subject: string;
  teamId: string;
  assigneeId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  openedAt: string;
  resolvedAt: string | null;
  verifiedBy: string | null;
}

const ACTIVE = new Set(['open', 'assigned', 'in_progress', 'waiting_on_merchant']);
/** Warn when less than this share of the resolution target is left. */
const WARNING_SHARE = 0.25;

export type SlaState = 'ok' | 'warning' | 'breached' | 'none';

/** The SLA state of a ticket at `now` (the tickets service's clock): due instants are in business hours. */
export function slaState(t: TicketRow, now: number): { state: SlaState; remainingMs: number | null } {
  if (!ACTIVE.has(t.status) || !t.resolutionDueAt) return { state: 'none', remainingMs: null };
  const due = Date.parse(t.resolutionDueAt);
  const remaining = due - now;
  if (remaining <= 0) return { state: 'breached', remainingMs: remaining };
  const span = due - Date.parse(t.openedAt);
  return { state: span > 0 && remaining < span * WARNING_SHARE ? 'warning' : 'ok', remainingMs: remaining };
}
