import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { SlaTracker } from '../../../sla/sla-tracker';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { supportEvent } from '../../../shared/support-events.outbox';
import { TicketDetailsRepository } from '../../ticket-details.repository';
import { notifySla, TicketJournal } from '../../ticket.journal';
import { ACTIVE_STATUSES, TicketRecord } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';

/**
 * Merges a duplicate into the ticket that carries on: the duplicate is closed with `merged_into`, both
 * are linked (duplicate_of / duplicate), and TicketMerged goes out. Same merchant only; the target must
 * be active and not itself merged.
 */
@Injectable()
export class MergeTicketsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly journal: TicketJournal,
    private readonly sla: SlaTracker,
    private readonly clock: Clock,
  ) {}

  async execute(c: {
    duplicateId: string;
    intoId: string;
    actor: string;
    reason?: string;
  }): Promise<TicketRecord> {
    if (c.duplicateId === c.intoId)
      throw new RuleViolationError('self_merge', 'a ticket cannot merge into itself');
    const { ticket, signals } = await this.tx.run(async (manager) => {
      const duplicate = await this.tickets.lockById(manager, c.duplicateId);
      const into = await this.tickets.lockById(manager, c.intoId);
      if (!duplicate) throw new NotFoundError('ticket', c.duplicateId);
      if (!into) throw new NotFoundError('ticket', c.intoId);
      if (duplicate.merchantId !== into.merchantId)
        throw new RuleViolationError('different_merchants', 'only tickets of the same merchant merge');
      if (
        !ACTIVE_STATUSES.includes(duplicate.status) ||
        !ACTIVE_STATUSES.includes(into.status) ||
        into.mergedIntoId
      )
        throw new RuleViolationError('not_active', 'both tickets must be active to merge');
      const at = this.clock.now();
      await this.details.link(manager, duplicate.id, into.id, 'duplicate_of', 'duplicate', at);
      await this.journal.record(
        manager,
        [
          {
            ticketId: into.id,
            at,
            actor: c.actor,
            action: 'merged',
            field: 'duplicate',
            newValue: duplicate.id,
            reason: c.reason,
          },
        ],
        [
          supportEvent(
            'TicketMerged',
            duplicate.merchantId,
            { ticketId: duplicate.id, intoTicketId: into.id, actor: c.actor, mergedAt: at.toISOString() },
            at,
          ),
        ],
      );
      return this.journal.change(
        manager,
        duplicate,
        { status: 'closed', closedAt: at, mergedIntoId: into.id, resolution: `Duplicate of ${into.id}` },
        { actor: c.actor, at, reason: c.reason ?? `merged into ${into.id}` },
      );
    });
    await notifySla(this.sla, signals);
    return ticket;
  }
}
