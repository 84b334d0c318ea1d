import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { EscalationRequest, SlaTracker, TicketEscalation } from '../../../sla/sla-tracker';
import { ACTIVE_STATUSES } from '../../../tickets/ticket.record';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { notifySla, TicketJournal } from '../../../tickets/ticket.journal';
import { TicketMetrics } from '../../../tickets/ticket.metrics';
import { raisedPriority } from '../../routing.policy';
import { RoutingRepository } from '../../routing.repository';
import { TicketRouter } from '../../ticket.router';

/**
 * What the SLA engine calls on a breach: the ticket moves to the next-level team (the team's
 * escalation team; the same team when it has none) and its least-recently-assigned free agent, its
 * priority goes up one step, and the history says which target was breached. Idempotent per level:
 * a request at or below the ticket's escalation level changes nothing (a redelivered breach job).
 */
@Injectable()
export class EscalateTicketUseCase extends TicketEscalation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly routing: RoutingRepository,
    private readonly router: TicketRouter,
    private readonly journal: TicketJournal,
    private readonly moduleRef: ModuleRef,
    private readonly metrics: TicketMetrics,
    private readonly clock: Clock,
  ) {
    super();
  }

  async escalate(request: EscalationRequest): Promise<void> {
    const signals = await this.tx.run(async (manager) => {
      const ticket = await this.tickets.lockById(manager, request.ticketId);
      if (!ticket || !ACTIVE_STATUSES.includes(ticket.status)) return [];
      if (ticket.escalationLevel >= request.level) return [];
      const at = this.clock.now();
      const team = await this.routing.team(manager, ticket.teamId);
      const teamId = team?.escalationTeamId ?? ticket.teamId;
      const assigneeId =
        (await this.router.agentOf(manager, teamId, at, ticket.assigneeId ?? undefined)) ?? ticket.assigneeId;
      const { signals } = await this.journal.change(
        manager,
        ticket,
        {
          teamId,
          assigneeId: teamId === ticket.teamId ? assigneeId : (assigneeId ?? null),
          priority: raisedPriority(ticket.priority),
          escalationLevel: request.level,
          ...(ticket.status === 'open' && assigneeId ? { status: 'assigned' as const } : {}),
        },
        {
          actor: 'sla',
          at,
          assignment: 'escalation',
          reason: `${request.kind} breached (due ${request.dueAt.toISOString()}), escalation level ${request.level}`,
        },
      );
      this.metrics.escalated(request.kind, request.level);
      return signals;
    });
    // Resolved lazily: the SLA engine depends on this escalation, so a constructor dependency would be a cycle.
    await notifySla(this.moduleRef.get(SlaTracker, { strict: false }), signals);
  }
}
