import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import type { TicketCategory, TicketPriority } from '@merchant-pulse/contracts';
import { TransactionRunner } from '@merchant-pulse/database';
import { SlaTracker } from '../../../sla/sla-tracker';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { notifySla, TicketJournal } from '../../ticket.journal';
import { ACTIVE_STATUSES, TicketRecord } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';

/** Change audited fields of a ticket, with who and why. */
export interface UpdateTicketCommand {
  ticketId: string;
  actor: string;
  reason: string;
  priority?: TicketPriority;
  category?: TicketCategory;
  subject?: string;
  description?: string;
  terminalId?: string;
  /** The agent declares the fix applied: the terminal's next approved transaction verifies it. */
  fixApplied?: boolean;
}

/** Edits a ticket (every changed field into the history and a TicketUpdated event). */
@Injectable()
export class UpdateTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    private readonly sla: SlaTracker,
    private readonly clock: Clock,
  ) {}

  async execute(c: UpdateTicketCommand): Promise<TicketRecord> {
    const { ticket, signals } = await this.tx.run(async (manager) => {
      const current = await this.tickets.lockById(manager, c.ticketId);
      if (!current) throw new NotFoundError('ticket', c.ticketId);
      if (!ACTIVE_STATUSES.includes(current.status))
        throw new RuleViolationError(
          'ticket_not_active',
          `a ${current.status} ticket cannot be edited; reopen it`,
        );
      const at = this.clock.now();
      const changes: Partial<TicketRecord> = {};
      if (c.priority !== undefined) changes.priority = c.priority;
      if (c.category !== undefined) changes.category = c.category;
      if (c.subject !== undefined) changes.subject = c.subject;
      if (c.description !== undefined) changes.description = c.description;
      if (c.terminalId !== undefined) changes.terminalId = c.terminalId;
      if (c.fixApplied) Object.assign(changes, { fixAppliedAt: at, nextStep: 'verify_by_transaction' });
      return this.journal.change(manager, current, changes, { actor: c.actor, at, reason: c.reason });
    });
    await notifySla(this.sla, signals);
    return ticket;
  }
}
