import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { NotFoundError } from '../../../shared/ticket.errors';
import { TicketJournal } from '../../../tickets/ticket.journal';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { FieldVisitRecord, FieldVisitRepository, FieldVisitStatus } from '../../field-visit.repository';
import { assertVisitTransition } from '../../field-visit-status.machine';

/** Move a visit along requested → scheduled → en_route → on_site → done | failed. */
export interface ChangeFieldVisitCommand {
  visitId: string;
  to: FieldVisitStatus;
  actor: string;
  engineer?: string;
  windowStart?: Date;
  windowEnd?: Date;
  partsUsed?: string[];
  outcome?: string;
}

/**
 * Visit moves, audited on the ticket. `done` declares the fix applied (the terminal's next approved
 * transaction then verifies and resolves the ticket); `failed` keeps the ticket open with another visit
 * as its next step — a visit never resolves a ticket by itself.
 */
@Injectable()
export class ChangeFieldVisitUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly visits: FieldVisitRepository,
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    private readonly clock: Clock,
  ) {}

  async execute(c: ChangeFieldVisitCommand): Promise<FieldVisitRecord> {
    return this.tx.run(async (manager) => {
      const visit = await this.visits.lockById(manager, c.visitId);
      if (!visit) throw new NotFoundError('field visit', c.visitId);
      const at = this.clock.now();
      const next: FieldVisitRecord = {
        ...visit,
        engineer: c.engineer ?? visit.engineer,
        windowStart: c.windowStart ?? visit.windowStart,
        windowEnd: c.windowEnd ?? visit.windowEnd,
        partsUsed: c.partsUsed ?? visit.partsUsed,
        outcome: c.outcome ?? visit.outcome,
        updatedAt: at,
      };
      assertVisitTransition(next, c.to);
      next.status = c.to;
      await this.visits.update(manager, next);
      const ticket = (await this.tickets.lockById(manager, visit.ticketId))!;
      await this.journal.record(manager, [
        {
          ticketId: ticket.id,
          at,
          actor: c.actor,
          action: 'field_visit',
          field: visit.id,
          oldValue: visit.status,
          newValue: c.to,
          reason:
            [
              c.engineer && `engineer ${c.engineer}`,
              next.partsUsed.length > 0 && `parts ${next.partsUsed.join(', ')}`,
              c.outcome,
            ]
              .filter(Boolean)
              .join('; ') || null,
        },
      ]);
      if (c.to === 'done')
        await this.journal.change(
          manager,
          ticket,
          { fixAppliedAt: at, nextStep: 'verify_by_transaction' },
          {
            actor: c.actor,
            at,
            reason: `field visit done: ${next.outcome}`,
          },
        );
      if (c.to === 'failed')
        await this.journal.change(
          manager,
          ticket,
          { nextStep: 'field_visit' },
          {
            actor: c.actor,
            at,
            reason: `field visit failed: ${next.outcome}`,
          },
        );
      return next;
    });
  }
}
