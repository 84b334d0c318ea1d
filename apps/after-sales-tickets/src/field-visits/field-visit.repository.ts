import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** On-site repair states: requested → scheduled → en_route → on_site → done | failed. */
export const FIELD_VISIT_STATUSES = [
  'requested',
  'scheduled',
  'en_route',
  'on_site',
  'done',
  'failed',
] as const;
/** A field visit status. */
export type FieldVisitStatus = (typeof FIELD_VISIT_STATUSES)[number];

/** An on-site repair visit of a ticket. */
export interface FieldVisitRecord {
  id: string;
  ticketId: string;
  status: FieldVisitStatus;
  engineer: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  address: string;
  partsUsed: string[];
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, ticket_id AS "ticketId", status, engineer, window_start AS "windowStart", window_end AS "windowEnd",
  address, parts_used AS "partsUsed", outcome, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Field visits. */
@Injectable()
export class FieldVisitRepository {
  async insert(manager: EntityManager, v: FieldVisitRecord): Promise<void> {
    await manager.query(
      `INSERT INTO field_visits (id, ticket_id, status, engineer, window_start, window_end, address, parts_used, outcome, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        v.id,
        v.ticketId,
        v.status,
        v.engineer,
        v.windowStart,
        v.windowEnd,
        v.address,
        v.partsUsed,
        v.outcome,
        v.createdAt,
        v.updatedAt,
      ],
    );
  }

  async lockById(manager: EntityManager, id: string): Promise<FieldVisitRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: FieldVisitRecord[] = await manager.query(
      `SELECT ${COLUMNS} FROM field_visits WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async update(manager: EntityManager, v: FieldVisitRecord): Promise<void> {
    await manager.query(
      `UPDATE field_visits SET status = $2, engineer = $3, window_start = $4, window_end = $5, parts_used = $6,
         outcome = $7, updated_at = $8 WHERE id = $1`,
      [v.id, v.status, v.engineer, v.windowStart, v.windowEnd, v.partsUsed, v.outcome, v.updatedAt],
    );
  }

  async listOf(manager: EntityManager, ticketId: string): Promise<FieldVisitRecord[]> {
    return manager.query(`SELECT ${COLUMNS} FROM field_visits WHERE ticket_id = $1 ORDER BY created_at, id`, [
      ticketId,
    ]);
  }
}
