import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A CSAT survey of one resolved ticket (category, team and agent are copied for the reports). */
export interface SurveyRecord {
  id: string;
  ticketId: string;
  category: string;
  teamId: string;
  assigneeId: string | null;
  createdAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  score: number | null;
  comment: string | null;
}

/** Satisfaction of one group: answers and mean score. */
export interface SatisfactionRow {
  key: string;
  answers: number;
  meanScore: number;
  /** Share of answers scoring 4 or 5. */
  satisfiedShare: number;
}

const COLUMNS = `id, ticket_id AS "ticketId", category, team_id AS "teamId", assignee_id AS "assigneeId",
  created_at AS "createdAt", expires_at AS "expiresAt", answered_at AS "answeredAt", score, comment`;

/** Surveys; answering is a conditional update, so a token works once even under concurrency. */
@Injectable()
export class SurveyRepository {
  /** Creates the ticket's survey; false when the ticket already has one (a reopened, re-resolved ticket). */
  async create(manager: EntityManager, s: SurveyRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO surveys (id, ticket_id, category, team_id, assignee_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ticket_id) DO NOTHING RETURNING id`,
      [s.id, s.ticketId, s.category, s.teamId, s.assigneeId, s.createdAt, s.expiresAt],
    );
    return rows.length > 0;
  }

  async findById(manager: EntityManager, id: string): Promise<SurveyRecord | null> {
    const rows: SurveyRecord[] = await manager.query(`SELECT ${COLUMNS} FROM surveys WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByTicket(manager: EntityManager, ticketId: string): Promise<SurveyRecord | null> {
    const rows: SurveyRecord[] = await manager.query(`SELECT ${COLUMNS} FROM surveys WHERE ticket_id = $1`, [
      ticketId,
    ]);
    return rows[0] ?? null;
  }

  /** Records the answer unless one is there already; returns the survey when this call answered it. */
  async answer(
    manager: EntityManager,
    id: string,
    answer: { score: number; comment: string | null; at: Date },
  ): Promise<SurveyRecord | null> {
    // TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affectedCount].
    const [rows]: [SurveyRecord[], number] = await manager.query(
      `UPDATE surveys SET answered_at = $2, score = $3, comment = $4 WHERE id = $1 AND answered_at IS NULL
       RETURNING ${COLUMNS}`,
      [id, answer.at, answer.score, answer.comment],
    );
    return rows[0] ?? null;
  }

  /** Satisfaction per category, team or agent. */
  async satisfaction(manager: EntityManager, by: 'category' | 'team' | 'agent'): Promise<SatisfactionRow[]> {
    const column = { category: 'category', team: 'team_id', agent: "coalesce(assignee_id, '(none)')" }[by];
    const rows: Array<{ key: string; answers: number; meanScore: string; satisfiedShare: string }> =
      await manager.query(
        `SELECT ${column} AS key, count(*)::int AS answers, round(avg(score)::numeric, 2) AS "meanScore",
                round(avg(CASE WHEN score >= 4 THEN 1 ELSE 0 END)::numeric, 4) AS "satisfiedShare"
         FROM surveys WHERE answered_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
    return rows.map((r) => ({
      ...r,
      meanScore: Number(r.meanScore),
      satisfiedShare: Number(r.satisfiedShare),
    }));
  }
}
