import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { v7 as uuidv7 } from 'uuid';
import { SlaTracker } from '../../../sla/sla-tracker';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { TicketDetailsRepository, TicketMessage } from '../../ticket-details.repository';
import { TicketJournal } from '../../ticket.journal';
import { TicketRepository } from '../../ticket.repository';

/** An internal note (agents only) or a reply to the merchant. */
export interface AddTicketMessageCommand {
  ticketId: string;
  kind: 'note' | 'reply';
  author: string;
  body: string;
}

/**
 * Adds a note or a reply. Only replies reach the merchant, so only replies count as first/next
 * response for the SLA (SlaTracker.agentReplied, after the commit).
 */
@Injectable()
export class AddTicketMessageUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly journal: TicketJournal,
    private readonly sla: SlaTracker,
    private readonly clock: Clock,
  ) {}

  async execute(c: AddTicketMessageCommand): Promise<TicketMessage> {
    const message = await this.tx.run(async (manager) => {
      const ticket = await this.tickets.lockById(manager, c.ticketId);
      if (!ticket) throw new NotFoundError('ticket', c.ticketId);
      if (c.kind === 'reply' && ticket.status === 'closed')
        throw new RuleViolationError('ticket_closed', 'a closed ticket takes notes only; reopen it to reply');
      const m: TicketMessage = {
        id: uuidv7(),
        ticketId: ticket.id,
        kind: c.kind,
        author: c.author,
        body: c.body,
        createdAt: this.clock.now(),
      };
      await this.details.addMessage(manager, m);
      await this.journal.record(manager, [
        {
          ticketId: ticket.id,
          at: m.createdAt,
          actor: c.author,
          action: c.kind === 'reply' ? 'replied' : 'noted',
          newValue: m.id,
        },
      ]);
      return m;
    });
    if (c.kind === 'reply') await this.sla.agentReplied(c.ticketId, message.createdAt);
    return message;
  }
}
