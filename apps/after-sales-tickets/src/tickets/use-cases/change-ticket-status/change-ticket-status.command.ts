import type { TicketStatus } from '@merchant-pulse/contracts';

/** Move a ticket along its status machine. */
export interface ChangeTicketStatusCommand {
  ticketId: string;
  to: TicketStatus;
  actor: string;
  reason?: string;
  /** Resolution summary (to resolved/closed). */
  resolution?: string;
  /**
   * Resolving a device, card-read or network ticket without the verifying transaction: the agent's
   * explicit reason (otherwise 422 verification_required).
   */
  overrideReason?: string;
}
