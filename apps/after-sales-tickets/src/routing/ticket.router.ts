import { Injectable } from '@nestjs/common';
import type { TicketCategory } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { RuleViolationError } from '../shared/ticket.errors';
import { CATEGORY_SKILL, pickAgent } from './routing.policy';
import { RoutingRepository, TeamRecord } from './routing.repository';

/** Where a ticket goes: a team and, when one is free, an agent. */
export interface Route {
  teamId: string;
  assigneeId: string | null;
}

/** Skills routing: category → skill → first-level team → round-robin agent (least loaded on ties). */
@Injectable()
export class TicketRouter {
  constructor(private readonly routing: RoutingRepository) {}

  /** The first-level team for the category's skill. */
  async teamFor(manager: EntityManager, category: TicketCategory): Promise<TeamRecord> {
    const skill = CATEGORY_SKILL[category];
    const team = await this.routing.firstLevelTeamWith(manager, skill);
    if (!team) throw new RuleViolationError('no_team_for_skill', `no team has the skill ${skill}`);
    return team;
  }

  /** Picks an agent of the team (row locks serialise concurrent picks) and records the assignment time. */
  async agentOf(
    manager: EntityManager,
    teamId: string,
    at: Date,
    excluding?: string,
  ): Promise<string | null> {
    const agents = (await this.routing.lockAgentsOf(manager, teamId)).filter((a) => a.id !== excluding);
    const agent = pickAgent(agents);
    if (!agent) return null;
    await this.routing.markAssigned(manager, agent.id, at);
    return agent.id;
  }

  async route(manager: EntityManager, category: TicketCategory, at: Date): Promise<Route> {
    const team = await this.teamFor(manager, category);
    return { teamId: team.id, assigneeId: await this.agentOf(manager, team.id, at) };
  }
}
