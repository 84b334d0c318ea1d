import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACTIVE_STATUSES, TicketRecord } from './ticket.record';

const COLUMNS = `id, merchant_id AS "merchantId", terminal_id AS "terminalId", category, channel, source, priority,
  requested_priority AS "requestedPriority", status, subject, description, team_id AS "teamId",
  assignee_id AS "assigneeId", next_step AS "nextStep", sla_policy_id AS "slaPolicyId", sla_rule AS "slaRule",
  first_response_due_at AS "firstResponseDueAt", resolution_due_at AS "resolutionDueAt", opened_at AS "openedAt",
  updated_at AS "updatedAt", resolved_at AS "resolvedAt", closed_at AS "closedAt", resolution,
  verified_by AS "verifiedBy", verified_at AS "verifiedAt", override_reason AS "overrideReason",
  fix_applied_at AS "fixAppliedAt", merged_into_id AS "mergedIntoId", escalation_level AS "escalationLevel",
  reopen_count AS "reopenCount"`;

/** Ticket fields a use case may change (camelCase → column). */
const FIELD_COLUMNS: Record<string, string> = {
  terminalId: 'terminal_id',
  category: 'category',
  priority: 'priority',
  status: 'status',
  subject: 'subject',
  description: 'description',
  teamId: 'team_id',
  assigneeId: 'assignee_id',
  nextStep: 'next_step',
  slaPolicyId: 'sla_policy_id',
  slaRule: 'sla_rule',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
  updatedAt: 'updated_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  resolution: 'resolution',
  verifiedBy: 'verified_by',
  verifiedAt: 'verified_at',
  overrideReason: 'override_reason',
  fixAppliedAt: 'fix_applied_at',
  mergedIntoId: 'merged_into_id',
  escalationLevel: 'escalation_level',
  reopenCount: 'reopen_count',
};

/** Filters of the ticket list. */
export interface TicketFilter {
  merchantId?: string;
  status?: string;
  assigneeId?: string;
  teamId?: string;
  activeOnly?: boolean;
  limit: number;
}

/** Tickets: the row, locked reads for changes, and the lookups the consumers need. */
@Injectable()
export class TicketRepository {
  async insert(manager: EntityManager, t: TicketRecord): Promise<void> {
    const columns = ['id', 'merchant_id', 'channel', 'source', 'requested_priority', 'opened_at'];
    const values: unknown[] = [t.id, t.merchantId, t.channel, t.source, t.requestedPriority, t.openedAt];
    for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
      columns.push(column);
      values.push((t as unknown as Record<string, unknown>)[field]);
    }
    const params = values.map((_, i) => `$${i + 1}`).join(', ');
    await manager.query(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${params})`, values);
  }

  async findById(manager: EntityManager, id: string): Promise<TicketRecord | null> {
    if (!isUuid(id)) return null;
    const rows: TicketRecord[] = await manager.query(`SELECT ${COLUMNS} FROM tickets WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The ticket row-locked for the rest of the transaction (changes are serialised per ticket). */
  async lockById(manager: EntityManager, id: string): Promise<TicketRecord | null> {
    if (!isUuid(id)) return null;
    const rows: TicketRecord[] = await manager.query(
      `SELECT ${COLUMNS} FROM tickets WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async update(manager: EntityManager, id: string, changes: Partial<TicketRecord>): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [field, value] of Object.entries(changes)) {
      const column = FIELD_COLUMNS[field];
      if (!column) throw new Error(`ticket field ${field} cannot be updated`);
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length > 0) await manager.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  /** Active tickets about a terminal (oldest first), row-locked. */
  async lockActiveForTerminal(manager: EntityManager, terminalId: string): Promise<TicketRecord[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM tickets WHERE terminal_id = $1 AND status = ANY($2) AND merged_into_id IS NULL
       ORDER BY opened_at, id FOR UPDATE`,
      [terminalId, ACTIVE_STATUSES],
    );
  }

  /** Active tickets of a merchant whose fix was applied before `before` (waiting for a verifying transaction). */
  async lockAwaitingVerification(
    manager: EntityManager,
    merchantId: string,
    before: Date,
  ): Promise<TicketRecord[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM tickets WHERE merchant_id = $1 AND status = ANY($2) AND fix_applied_at < $3
         AND terminal_id IS NOT NULL AND merged_into_id IS NULL ORDER BY opened_at, id FOR UPDATE`,
      [merchantId, ACTIVE_STATUSES, before],
    );
  }

  async list(manager: EntityManager, filter: TicketFilter): Promise<TicketRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.merchantId) add('merchant_id = ?', filter.merchantId);
    if (filter.status) add('status = ?', filter.status);
    if (filter.assigneeId) add('assignee_id = ?', filter.assigneeId);
    if (filter.teamId) add('team_id = ?', filter.teamId);
    if (filter.activeOnly) add('status = ANY(?)', ACTIVE_STATUSES);
    values.push(filter.limit);
    return manager.query(
      `SELECT ${COLUMNS} FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY opened_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
  }

  /** Open-ticket counts by category, priority and team (for the gauge). */
  async openCounts(
    manager: EntityManager,
  ): Promise<Array<{ category: string; priority: string; teamId: string; n: number }>> {
    return manager.query(
      `SELECT category, priority, team_id AS "teamId", count(*)::int AS n FROM tickets
       WHERE status = ANY($1) GROUP BY category, priority, team_id`,
      [ACTIVE_STATUSES],
    );
  }
}

/** Ids are UUIDs; anything else cannot name a ticket (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
