import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One audited change of a ticket: who, when, what (field from → to) and why. */
export interface TicketHistoryEntry {
  ticketId: string;
  at: Date;
  actor: string;
  /** opened, status_changed, assigned, updated, escalated, replied, noted, linked, merged, attachment_added, evidence_added, field_visit, survey_answered … */
  action: string;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  reason?: string | null;
}

/** The append-only audit trail (readable as GET /v1/tickets/:id/history). */
@Injectable()
export class TicketHistoryRepository {
  async append(manager: EntityManager, entries: readonly TicketHistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO ticket_history (ticket_id, at, actor, action, field, old_value, new_value, reason)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [
        entries.map((e) => e.ticketId),
        entries.map((e) => e.at),
        entries.map((e) => e.actor),
        entries.map((e) => e.action),
        entries.map((e) => e.field ?? null),
        entries.map((e) => e.oldValue ?? null),
        entries.map((e) => e.newValue ?? null),
        entries.map((e) => e.reason ?? null),
      ],
    );
  }

  async listOf(manager: EntityManager, ticketId: string): Promise<TicketHistoryEntry[]> {
    return manager.query(
      `SELECT ticket_id AS "ticketId", at, actor, action, field, old_value AS "oldValue", new_value AS "newValue", reason
       FROM ticket_history WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    );
  }
}
