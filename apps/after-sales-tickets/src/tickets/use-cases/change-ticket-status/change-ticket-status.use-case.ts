import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { EntityManager } from 'typeorm';
import { AfterSalesTicketsConfig } from '../../../config/after-sales-tickets.config';
import { SlaTracker } from '../../../sla/sla-tracker';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { notifySla, SlaSignal, TicketJournal } from '../../ticket.journal';
import { TicketMetrics } from '../../ticket.metrics';
import { needsVerifiedResolution, TicketRecord } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';
import { TicketResolver } from '../../ticket.resolver';
import { assertTransition, isReopen } from '../../ticket-status.machine';
import { ChangeTicketStatusCommand } from './change-ticket-status.command';

const DAY_MS = 86_400_000;

/**
 * Status changes by people: the machine decides what may follow what (409 otherwise); a device,
 * card-read or network ticket resolves only with an explicit override reason (it normally resolves
 * itself on the terminal's next approved transaction); a reopen must come within TICKET_REOPEN_DAYS.
 */
@Injectable()
export class ChangeTicketStatusUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    private readonly resolver: TicketResolver,
    private readonly sla: SlaTracker,
    private readonly metrics: TicketMetrics,
    private readonly config: AfterSalesTicketsConfig,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangeTicketStatusCommand): Promise<TicketRecord> {
    const { ticket, signals } = await this.tx.run(async (manager) => {
      const current = await this.tickets.lockById(manager, command.ticketId);
      if (!current) throw new NotFoundError('ticket', command.ticketId);
      assertTransition(current.status, command.to);
      return this.apply(manager, current, command, this.clock.now());
    });
    await notifySla(this.sla, signals);
    return ticket;
  }

  private async apply(
    manager: EntityManager,
    t: TicketRecord,
    c: ChangeTicketStatusCommand,
    at: Date,
  ): Promise<{ ticket: TicketRecord; signals: SlaSignal[] }> {
    const ctx = { actor: c.actor, at, reason: c.reason };
    if (c.to === 'resolved') {
      if (needsVerifiedResolution(t) && !c.overrideReason)
        throw new RuleViolationError(
          'verification_required',
          `a ${t.category} ticket resolves itself when terminal ${t.terminalId} transacts again; give overrideReason to resolve it without`,
        );
      return this.resolver.resolve(manager, t, {
        actor: c.actor,
        at,
        resolution: c.resolution ?? c.reason ?? 'Resolved by agent',
        verifiedBy: c.overrideReason ? 'override' : null,
        verifiedAt: null,
        overrideReason: c.overrideReason,
      });
    }
    if (isReopen(t.status, c.to)) return this.reopen(manager, t, c, at);
    if (c.to === 'assigned' && !t.assigneeId)
      throw new RuleViolationError('no_assignee', 'assign an agent first (POST /v1/tickets/{id}/assignment)');
    if (c.to === 'closed') {
      if (t.status === 'open' && !c.reason)
        throw new RuleViolationError('reason_required', 'closing an unresolved ticket needs a reason');
      return this.journal.change(
        manager,
        t,
        { status: 'closed', closedAt: at, resolution: t.resolution ?? c.resolution ?? c.reason ?? null },
        ctx,
      );
    }
    return this.journal.change(manager, t, { status: c.to }, ctx);
  }

  private async reopen(
    manager: EntityManager,
    t: TicketRecord,
    c: ChangeTicketStatusCommand,
    at: Date,
  ): Promise<{ ticket: TicketRecord; signals: SlaSignal[] }> {
    if (t.mergedIntoId) throw new RuleViolationError('merged', `ticket was merged into ${t.mergedIntoId}`);
    const resolvedAt = t.resolvedAt ?? t.closedAt ?? t.updatedAt;
    if (at.getTime() - resolvedAt.getTime() > this.config.TICKET_REOPEN_DAYS * DAY_MS)
      throw new RuleViolationError(
        'reopen_window_passed',
        `tickets reopen within ${this.config.TICKET_REOPEN_DAYS} days of resolution; open a new one`,
      );
    this.metrics.reopened.inc({ category: t.category });
    return this.journal.change(
      manager,
      t,
      {
        status: 'in_progress',
        reopenCount: t.reopenCount + 1,
        resolvedAt: null,
        closedAt: null,
        verifiedBy: null,
        verifiedAt: null,
        overrideReason: null,
        fixAppliedAt: null,
      },
      { actor: c.actor, at, reason: c.reason ?? 'reopened' },
    );
  }
}
