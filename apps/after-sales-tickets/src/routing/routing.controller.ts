import { Body, Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransactionRunner } from '@merchant-pulse/database';
import { ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { NotFoundError } from '../shared/ticket.errors';
import { TicketView } from '../tickets/dto/ticket.dto';
import { TicketRepository } from '../tickets/ticket.repository';
import { view } from '../tickets/tickets.controller';
import { AgentAvailabilityDto, AgentDto, AgentView, TeamDto, TeamView } from './dto/routing.dto';
import { RoutingRepository } from './routing.repository';

/** Teams (skills, escalation chain), agents (capacity, availability) and each agent's open tickets. */
@ApiTags('routing')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1')
export class RoutingController {
  constructor(
    private readonly routing: RoutingRepository,
    private readonly tickets: TicketRepository,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('teams')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: 'Teams with their skills and escalation team' })
  @ApiOkResponse({ type: [TeamView] })
  teams(): Promise<TeamView[]> {
    return this.routing.teams(this.tx.manager);
  }

  @Put('teams/:id')
  @RequireScopes('tickets:admin')
  @ApiOperation({ summary: 'Create or replace a team' })
  @ApiOkResponse({ type: TeamView })
  async putTeam(@Param('id') id: string, @Body() body: TeamDto): Promise<TeamView> {
    const team = { ...body, id, level: body.level ?? 1, escalationTeamId: body.escalationTeamId ?? null };
    await this.tx.run(async (m) => {
      if (team.escalationTeamId && !(await this.routing.team(m, team.escalationTeamId)))
        throw new NotFoundError('team', team.escalationTeamId);
      await this.routing.upsertTeam(m, team);
    });
    return team;
  }

  @Get('teams/:id/agents')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: "A team's agents with their load" })
  @ApiOkResponse({ type: [AgentView] })
  async agents(@Param('id') id: string): Promise<AgentView[]> {
    if (!(await this.routing.team(this.tx.manager, id))) throw new NotFoundError('team', id);
    return this.routing.agentsOf(this.tx.manager, id);
  }

  @Put('agents/:id')
  @RequireScopes('tickets:admin')
  @ApiOperation({ summary: 'Create or replace an agent' })
  @ApiOkResponse({ type: AgentView })
  async putAgent(@Param('id') id: string, @Body() body: AgentDto): Promise<AgentView> {
    return this.tx.run(async (m) => {
      if (!(await this.routing.team(m, body.teamId))) throw new NotFoundError('team', body.teamId);
      await this.routing.upsertAgent(m, { ...body, id, available: body.available ?? true });
      return (await this.routing.agent(m, id))!;
    });
  }

  @Patch('agents/:id')
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: "Change an agent's availability or capacity" })
  @ApiOkResponse({ type: AgentView })
  async patchAgent(@Param('id') id: string, @Body() body: AgentAvailabilityDto): Promise<AgentView> {
    return this.tx.run(async (m) => {
      const agent = await this.routing.agent(m, id);
      if (!agent) throw new NotFoundError('agent', id);
      await this.routing.upsertAgent(m, { ...agent, ...body });
      return (await this.routing.agent(m, id))!;
    });
  }

  @Get('agents/:id/tickets')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: "An agent's open tickets" })
  @ApiOkResponse({ type: [TicketView] })
  async agentTickets(@Param('id') id: string): Promise<TicketView[]> {
    if (!(await this.routing.agent(this.tx.manager, id))) throw new NotFoundError('agent', id);
    const rows = await this.tickets.list(this.tx.manager, { assigneeId: id, activeOnly: true, limit: 500 });
    return rows.map(view);
  }
}
