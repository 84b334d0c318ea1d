import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { supportEvent } from '../../../shared/support-events.outbox';
import { TicketDetailsRepository } from '../../ticket-details.repository';
import { TicketJournal } from '../../ticket.journal';
import { TicketRepository } from '../../ticket.repository';

/** Link two tickets as related (both ways), audited on both. */
@Injectable()
export class LinkTicketsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly journal: TicketJournal,
    private readonly clock: Clock,
  ) {}

  async execute(c: { ticketId: string; relatedId: string; actor: string }): Promise<void> {
    if (c.ticketId === c.relatedId)
      throw new RuleViolationError('self_link', 'a ticket cannot link to itself');
    await this.tx.run(async (manager) => {
      const [a, b] = [
        await this.tickets.lockById(manager, c.ticketId),
        await this.tickets.lockById(manager, c.relatedId),
      ];
      if (!a) throw new NotFoundError('ticket', c.ticketId);
      if (!b) throw new NotFoundError('ticket', c.relatedId);
      const at = this.clock.now();
      await this.details.link(manager, a.id, b.id, 'related', 'related', at);
      await this.journal.record(
        manager,
        [a, b].map((t, i) => ({
          ticketId: t.id,
          at,
          actor: c.actor,
          action: 'linked',
          field: 'related',
          newValue: i === 0 ? b.id : a.id,
        })),
        [a, b].map((t, i) =>
          supportEvent(
            'TicketUpdated',
            t.merchantId,
            {
              ticketId: t.id,
              field: 'related',
              to: i === 0 ? b.id : a.id,
              actor: c.actor,
              changedAt: at.toISOString(),
            },
            at,
          ),
        ),
      );
    });
  }
}
