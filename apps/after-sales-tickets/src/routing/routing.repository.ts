import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A support team: its skills and the team a breach escalates to. */
export interface TeamRecord {
  id: string;
  name: string;
  skills: string[];
  level: number;
  escalationTeamId: string | null;
}

/** An agent of a team, with capacity (most open tickets at once) and availability. */
export interface AgentRecord {
  id: string;
  teamId: string;
  name: string;
  capacity: number;
  available: boolean;
  lastAssignedAt: Date | null;
  openTickets: number;
}

const AGENT_COLUMNS = `a.id, a.team_id AS "teamId", a.name, a.capacity, a.available, a.last_assigned_at AS "lastAssignedAt",
  (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed')) AS "openTickets"`;

/** Teams and agents. */
@Injectable()
export class RoutingRepository {
  async upsertTeam(manager: EntityManager, team: TeamRecord): Promise<void> {
    await manager.query(
      `INSERT INTO teams (id, name, skills, level, escalation_team_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, skills = EXCLUDED.skills, level = EXCLUDED.level,
         escalation_team_id = EXCLUDED.escalation_team_id`,
      [team.id, team.name, team.skills, team.level, team.escalationTeamId],
    );
  }

  async teams(manager: EntityManager): Promise<TeamRecord[]> {
    return manager.query(
      `SELECT id, name, skills, level, escalation_team_id AS "escalationTeamId" FROM teams ORDER BY level, id`,
    );
  }

  async team(manager: EntityManager, id: string): Promise<TeamRecord | null> {
    const rows: TeamRecord[] = await manager.query(
      `SELECT id, name, skills, level, escalation_team_id AS "escalationTeamId" FROM teams WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The first-level team holding a skill (lowest level, then id). */
  async firstLevelTeamWith(manager: EntityManager, skill: string): Promise<TeamRecord | null> {
    const rows: TeamRecord[] = await manager.query(
      `SELECT id, name, skills, level, escalation_team_id AS "escalationTeamId" FROM teams
       WHERE $1 = ANY(skills) ORDER BY level, id LIMIT 1`,
      [skill],
    );
    return rows[0] ?? null;
  }

  async upsertAgent(
    manager: EntityManager,
    agent: Pick<AgentRecord, 'id' | 'teamId' | 'name' | 'capacity' | 'available'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO agents (id, team_id, name, capacity, available) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET team_id = EXCLUDED.team_id, name = EXCLUDED.name,
         capacity = EXCLUDED.capacity, available = EXCLUDED.available`,
      [agent.id, agent.teamId, agent.name, agent.capacity, agent.available],
    );
  }

  async agent(manager: EntityManager, id: string): Promise<AgentRecord | null> {
    const rows: AgentRecord[] = await manager.query(`SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async agentsOf(manager: EntityManager, teamId: string): Promise<AgentRecord[]> {
    return manager.query(`SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.team_id = $1 ORDER BY a.id`, [
      teamId,
    ]);
  }

  /**
   * The team's agents, row-locked in id order (so concurrent routings to one team queue up instead
   * of both picking the same agent).
   */
  async lockAgentsOf(manager: EntityManager, teamId: string): Promise<AgentRecord[]> {
    await manager.query(`SELECT id FROM agents WHERE team_id = $1 ORDER BY id FOR UPDATE`, [teamId]);
    return this.agentsOf(manager, teamId);
  }

  async markAssigned(manager: EntityManager, agentId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE agents SET last_assigned_at = $2 WHERE id = $1`, [agentId, at]);
  }
}
