import type {
  ResolutionVerification,
  TicketCategory,
  TicketChannel,
  TicketPriority,
  TicketSource,
  TicketStatus,
} from '@merchant-pulse/contracts';

/** A ticket as stored. */
export interface TicketRecord {
  id: string;
  merchantId: string;
  terminalId: string | null;
  category: TicketCategory;
  channel: TicketChannel;
  source: TicketSource;
  priority: TicketPriority;
  requestedPriority: TicketPriority;
  status: TicketStatus;
  subject: string;
  description: string | null;
  teamId: string;
  assigneeId: string | null;
  /** What to do next: `remote_diagnosis` (proactive tickets start there), `field_visit`, or null. */
  nextStep: string | null;
  slaPolicyId: string | null;
  slaRule: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolution: string | null;
  verifiedBy: ResolutionVerification | null;
  verifiedAt: Date | null;
  overrideReason: string | null;
  /** When a fix was declared (field visit done, or an agent): transactions after it verify the fix. */
  fixAppliedAt: Date | null;
  mergedIntoId: string | null;
  escalationLevel: number;
  reopenCount: number;
}

/** Categories whose resolution must be verified by the terminal transacting again (or an override). */
export const VERIFIED_CATEGORIES: readonly TicketCategory[] = [
  'device_fault',
  'card_read_failure',
  'network',
];

/** Whether resolving this ticket needs a verifying transaction (or an agent's override reason). */
export function needsVerifiedResolution(ticket: Pick<TicketRecord, 'category' | 'terminalId'>): boolean {
  return ticket.terminalId !== null && VERIFIED_CATEGORIES.includes(ticket.category);
}

/** Statuses in which a ticket is still being worked on. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = [
  'open',
  'assigned',
  'in_progress',
  'waiting_on_merchant',
];

/** "resolved, verified by transaction at …" — how the resolution shows on the ticket. */
export function resolutionNote(ticket: TicketRecord): string | null {
  if (ticket.resolvedAt === null) return null;
  const at = ticket.verifiedAt?.toISOString();
  switch (ticket.verifiedBy) {
    case 'transaction':
      return `resolved, verified by transaction at ${at}`;
    case 'terminal_recovered':
      return `resolved, verified by the terminal transacting normally again at ${at}`;
    case 'override':
      return `resolved by an agent without verification: ${ticket.overrideReason}`;
    default:
      return 'resolved';
  }
}
