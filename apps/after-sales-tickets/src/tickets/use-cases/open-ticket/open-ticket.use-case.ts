import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MerchantFactsRepository } from '../../../merchant-facts/merchant-facts.repository';
import { TicketRouter } from '../../../routing/ticket.router';
import { SlaTracker } from '../../../sla/sla-tracker';
import { supportEvent } from '../../../shared/support-events.outbox';
import { notifySla, SlaSignal, TicketJournal } from '../../ticket.journal';
import { TicketMetrics } from '../../ticket.metrics';
import { TicketRecord } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';
import { OpenTicketCommand } from './open-ticket.command';

/**
 * Opens a ticket: routes it (skill → team → agent), asks the SLA engine for its policy, priority and due
 * times (from the merchant's value tier and churn risk), stores it with its history and queues
 * TicketOpened (+ TicketAssigned when an agent took it).
 */
@Injectable()
export class OpenTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly facts: MerchantFactsRepository,
    private readonly router: TicketRouter,
    private readonly journal: TicketJournal,
    private readonly sla: SlaTracker,
    private readonly metrics: TicketMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(command: OpenTicketCommand): Promise<TicketRecord> {
    const { ticket, signals } = await this.tx.run((manager) => this.openIn(manager, command));
    await notifySla(this.sla, signals);
    return ticket;
  }

  /**
   * Opens the ticket in the caller's transaction (consumers use their chunk's). The SLA engine hears of
   * it before the row commits: its timers must tolerate a ticket that never appears (rolled back).
   */
  async openIn(
    manager: EntityManager,
    command: OpenTicketCommand,
  ): Promise<{ ticket: TicketRecord; signals: SlaSignal[] }> {
    const at = this.clock.now();
    const id = command.ticketId ?? uuidv7();
    const team = await this.router.teamFor(manager, command.category);
    const assignment = await this.sla.opened(
      {
        ticketId: id,
        merchantId: command.merchantId,
        category: command.category,
        channel: command.channel,
        requestedPriority: command.priority,
        teamId: team.id,
        openedAt: at,
      },
      await this.facts.factsOf(manager, command.merchantId),
    );
    const ticket = newTicket(id, command, team.id, at, assignment);
    await this.tickets.insert(manager, ticket);
    await this.journal.record(
      manager,
      [
        {
          ticketId: id,
          at,
          actor: command.actor,
          action: 'opened',
          newValue: ticket.status,
          reason: assignment.rule,
        },
      ],
      [
        supportEvent(
          'TicketOpened',
          ticket.merchantId,
          {
            ticketId: id,
            category: ticket.category,
            priority: ticket.priority,
            source: ticket.source,
            ...(ticket.terminalId ? { terminalId: ticket.terminalId } : {}),
            subject: ticket.subject,
            openedAt: at.toISOString(),
            firstResponseDueAt: assignment.firstResponseDueAt.toISOString(),
            resolutionDueAt: assignment.resolutionDueAt.toISOString(),
          },
          at,
        ),
      ],
    );
    this.metrics.opened.inc({
      category: ticket.category,
      channel: ticket.channel,
      priority: ticket.priority,
    });
    const assigneeId = await this.router.agentOf(manager, team.id, at);
    if (!assigneeId) return { ticket, signals: [] };
    return this.journal.change(
      manager,
      ticket,
      { assigneeId, status: 'assigned' },
      {
        actor: 'routing',
        at,
        assignment: 'routing',
        reason: 'round-robin among available agents with the skill',
      },
    );
  }
}

function newTicket(
  id: string,
  c: OpenTicketCommand,
  teamId: string,
  at: Date,
  sla: Awaited<ReturnType<SlaTracker['opened']>>,
): TicketRecord {
  return {
    id,
    merchantId: c.merchantId,
    terminalId: c.terminalId ?? null,
    category: c.category,
    channel: c.channel,
    source: c.source,
    priority: sla.priority,
    requestedPriority: c.priority,
    status: 'open',
    subject: c.subject,
    description: c.description ?? null,
    teamId,
    assigneeId: null,
    nextStep: c.nextStep ?? null,
    slaPolicyId: sla.policyId,
    slaRule: sla.rule,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
    openedAt: at,
    updatedAt: at,
    resolvedAt: null,
    closedAt: null,
    resolution: null,
    verifiedBy: null,
    verifiedAt: null,
    overrideReason: null,
    fixAppliedAt: null,
    mergedIntoId: null,
    escalationLevel: 0,
    reopenCount: 0,
  };
}
