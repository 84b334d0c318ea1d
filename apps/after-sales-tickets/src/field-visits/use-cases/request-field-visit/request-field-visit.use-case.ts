import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { v7 as uuidv7 } from 'uuid';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { TicketJournal } from '../../../tickets/ticket.journal';
import { ACTIVE_STATUSES } from '../../../tickets/ticket.record';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { FieldVisitRecord, FieldVisitRepository } from '../../field-visit.repository';

/** Ask for an on-site repair of an active ticket. */
export interface RequestFieldVisitCommand {
  ticketId: string;
  address: string;
  actor: string;
  engineer?: string;
  windowStart?: Date;
  windowEnd?: Date;
}

/** Opens a field visit (status requested); the ticket's next step becomes the visit. */
@Injectable()
export class RequestFieldVisitUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly visits: FieldVisitRepository,
    private readonly journal: TicketJournal,
    private readonly clock: Clock,
  ) {}

  async execute(c: RequestFieldVisitCommand): Promise<FieldVisitRecord> {
    return this.tx.run(async (manager) => {
      const ticket = await this.tickets.lockById(manager, c.ticketId);
      if (!ticket) throw new NotFoundError('ticket', c.ticketId);
      if (!ACTIVE_STATUSES.includes(ticket.status))
        throw new RuleViolationError('ticket_not_active', `a ${ticket.status} ticket gets no field visit`);
      const at = this.clock.now();
      const visit: FieldVisitRecord = {
        id: uuidv7(),
        ticketId: ticket.id,
        status: 'requested',
        engineer: c.engineer ?? null,
        windowStart: c.windowStart ?? null,
        windowEnd: c.windowEnd ?? null,
        address: c.address,
        partsUsed: [],
        outcome: null,
        createdAt: at,
        updatedAt: at,
      };
      await this.visits.insert(manager, visit);
      await this.journal.record(manager, [
        {
          ticketId: ticket.id,
          at,
          actor: c.actor,
          action: 'field_visit',
          field: visit.id,
          newValue: 'requested',
        },
      ]);
      await this.journal.change(manager, ticket, { nextStep: 'field_visit' }, { actor: c.actor, at });
      return visit;
    });
  }
}
