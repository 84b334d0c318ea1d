import type { TicketCategory, TicketChannel, TicketPriority, TicketSource } from '@merchant-pulse/contracts';

/** Open a ticket for a merchant (from the API, a proactive signal or a campaign hand-over). */
export interface OpenTicketCommand {
  /** Given for automation (derived from the triggering event, so a retry opens the same ticket). */
  ticketId?: string;
  merchantId: string;
  terminalId?: string;
  category: TicketCategory;
  channel: TicketChannel;
  source: TicketSource;
  priority: TicketPriority;
  subject: string;
  description?: string;
  /** First step, e.g. `remote_diagnosis` for proactive device tickets. */
  nextStep?: string;
  actor: string;
}
