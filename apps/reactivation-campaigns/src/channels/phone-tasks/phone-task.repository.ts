import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OfferSpec } from '../../outreach/outreach-scheduler';

/** Outcomes an agent records for a call. */
export const PHONE_OUTCOMES = [
  'reached',
  'no_answer',
  'wrong_number',
  'accepted_offer',
  'declined',
  'do_not_contact',
] as const;
export type PhoneOutcome = (typeof PHONE_OUTCOMES)[number];

/** `open` → `claimed` (by one agent until a deadline; back to the queue when it passes) → `done`. */
export type PhoneTaskState = 'open' | 'claimed' | 'done';

/** One call task of the activation team. */
export interface PhoneTask {
  id: string;
  sendId: string;
  campaignId: string;
  merchantId: string;
  purpose: string;
  state: PhoneTaskState;
  phoneMasked: string | null;
  script: string;
  offer: OfferSpec | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  outcome: PhoneOutcome | null;
  note: string | null;
  createdAt: Date;
  completedAt: Date | null;
  /** Calls made or in progress (a `no_answer` re-queues the task with one more). */
  callAttempts: number;
  /** Not to be claimed before this instant (a re-queued `no_answer`); null: at once. */
  availableAt: Date | null;
}

const SELECT = `SELECT id, send_id AS "sendId", campaign_id AS "campaignId", merchant_id AS "merchantId", purpose,
  state, phone_masked AS "phoneMasked", script, offer, claimed_by AS "claimedBy", claimed_until AS "claimedUntil",
  outcome, note, created_at AS "createdAt", completed_at AS "completedAt", call_attempts AS "callAttempts",
  available_at AS "availableAt" FROM phone_task`;

/**
 * The phone-task work queue. Claims are compare-and-set, so two agents never hold one task. Updates are
 * wrapped in CTEs: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with rows.
 */
@Injectable()
export class PhoneTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the task of a send record once (a redelivered job finds it already there). */
  async insert(
    task: Pick<
      PhoneTask,
      | 'id'
      | 'sendId'
      | 'campaignId'
      | 'merchantId'
      | 'purpose'
      | 'phoneMasked'
      | 'script'
      | 'offer'
      | 'createdAt'
    >,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO phone_task (id, send_id, campaign_id, merchant_id, purpose, state, phone_masked, script, offer, created_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9)
       ON CONFLICT (send_id) DO UPDATE SET send_id = EXCLUDED.send_id RETURNING id`,
      [
        task.id,
        task.sendId,
        task.campaignId,
        task.merchantId,
        task.purpose,
        task.phoneMasked,
        task.script,
        task.offer ? JSON.stringify(task.offer) : null,
        task.createdAt,
      ],
    );
    return rows[0].id;
  }

  async findById(id: string): Promise<PhoneTask | null> {
    const rows: PhoneTask[] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The agent's queue: its own live claims first, then open tasks and lapsed claims, oldest first. */
  async queueFor(agent: string, now: Date, limit: number): Promise<PhoneTask[]> {
    return this.dataSource.query(
      `${SELECT} WHERE (state = 'open' AND (available_at IS NULL OR available_at <= $2))
          OR (state = 'claimed' AND (claimed_by = $1 OR claimed_until < $2))
        ORDER BY (state = 'claimed' AND claimed_by = $1) DESC, created_at, id LIMIT $3`,
      [agent, now, limit],
    );
  }

  /** Claims an open task (or one whose claim lapsed); null when someone else holds it or it is done. */
  async claim(id: string, agent: string, now: Date, until: Date): Promise<PhoneTask | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH changed AS (UPDATE phone_task SET state = 'claimed', claimed_by = $2, claimed_until = $4
        WHERE id = $1 AND ((state = 'open' AND (available_at IS NULL OR available_at <= $3))
          OR (state = 'claimed' AND (claimed_by = $2 OR claimed_until < $3)))
        RETURNING id) SELECT id FROM changed`,
      [id, agent, now, until],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** Gives a claimed task back to the queue; false when the agent does not hold it. */
  async release(id: string, agent: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE phone_task SET state = 'open', claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND state = 'claimed' AND claimed_by = $2 RETURNING id) SELECT id FROM changed`,
      [id, agent],
    );
    return rows.length > 0;
  }

  /** Records the outcome of a task the agent holds (a lapsed claim still counts if nobody took it over). */
  async complete(
    id: string,
    agent: string,
    outcome: PhoneOutcome,
    note: string | null,
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE phone_task SET state = 'done', outcome = $3, note = $4, completed_at = $5
        WHERE id = $1 AND state = 'claimed' AND claimed_by = $2 RETURNING id) SELECT id FROM changed`,
      [id, agent, outcome, note, now],
    );
    return rows.length > 0;
  }

  /**
   * Puts a task the agent holds back in the queue after an unanswered call, claimable from `availableAt`,
   * while it has had fewer than `maxAttempts` calls; false otherwise (not held, or out of calls).
   */
  async requeueUnanswered(
    id: string,
    agent: string,
    note: string | null,
    availableAt: Date,
    maxAttempts: number,
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE phone_task SET state = 'open', claimed_by = NULL, claimed_until = NULL,
          outcome = 'no_answer', note = $3, available_at = $4, call_attempts = call_attempts + 1
        WHERE id = $1 AND state = 'claimed' AND claimed_by = $2 AND call_attempts < $5 RETURNING id)
       SELECT id FROM changed`,
      [id, agent, note, availableAt, maxAttempts],
    );
    return rows.length > 0;
  }
}
