import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { SlaTracker } from '../../../sla/sla-tracker';
import { NotFoundError, RuleViolationError } from '../../../shared/ticket.errors';
import { ACTIVE_STATUSES, TicketRecord } from '../../../tickets/ticket.record';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { notifySla, TicketJournal } from '../../../tickets/ticket.journal';
import { RoutingRepository } from '../../routing.repository';
import { TicketRouter } from '../../ticket.router';

/** Manual reassignment: to a named agent (their team follows), or to a team (routing picks the agent). */
export interface ReassignTicketCommand {
  ticketId: string;
  actor: string;
  reason: string;
  agentId?: string;
  teamId?: string;
}

/** Moves a ticket to another agent or team, with who and why in the history. */
@Injectable()
export class ReassignTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly routing: RoutingRepository,
    private readonly router: TicketRouter,
    private readonly journal: TicketJournal,
    private readonly sla: SlaTracker,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReassignTicketCommand): Promise<TicketRecord> {
    const { ticket, signals } = await this.tx.run(async (manager) => {
      const current = await this.tickets.lockById(manager, command.ticketId);
      if (!current) throw new NotFoundError('ticket', command.ticketId);
      if (!ACTIVE_STATUSES.includes(current.status))
        throw new RuleViolationError('ticket_not_active', `a ${current.status} ticket cannot be reassigned`);
      const at = this.clock.now();
      let teamId: string;
      let assigneeId: string | null;
      if (command.agentId) {
        const agent = await this.routing.agent(manager, command.agentId);
        if (!agent) throw new NotFoundError('agent', command.agentId);
        teamId = agent.teamId;
        assigneeId = agent.id;
        await this.routing.markAssigned(manager, agent.id, at);
      } else {
        const team = await this.routing.team(manager, command.teamId!);
        if (!team) throw new NotFoundError('team', command.teamId!);
        teamId = team.id;
        assigneeId = await this.router.agentOf(manager, team.id, at);
      }
      const status = current.status === 'open' && assigneeId ? ('assigned' as const) : current.status;
      return this.journal.change(
        manager,
        current,
        { teamId, assigneeId, status },
        { actor: command.actor, at, reason: command.reason, assignment: 'manual' },
      );
    });
    await notifySla(this.sla, signals);
    return ticket;
  }
}
