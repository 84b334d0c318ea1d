import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One entry of a merchant's timeline: a registry change or another service's event about the merchant. */
export interface TimelineEntry {
  eventId: string;
  merchantId: string;
  /** ISO-8601 UTC instant of the fact. */
  occurredAt: string;
  /** Producing service, e.g. `merchant-registry`, `churn-scoring`. */
  source: string;
  /** Event type, e.g. `MerchantStatusChanged`, `TicketOpened`. */
  type: string;
  /** The event's payload (never PII: events carry none). */
  payload: Record<string, unknown>;
}

/** The merchant timeline: append-only, keyed by event id, so redelivered events change nothing. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends entries; an event id seen before is ignored (natural idempotency for consumers). */
  async append(manager: EntityManager, entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO merchant_timeline (event_id, merchant_id, occurred_at, source, type, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        entries.map((e) => e.eventId),
        entries.map((e) => e.merchantId),
        entries.map((e) => e.occurredAt),
        entries.map((e) => e.source),
        entries.map((e) => e.type),
        entries.map((e) => JSON.stringify(e.payload)),
      ],
    );
  }

  /** Newest first, strictly after the keyset position when given. */
  async page(
    merchantId: string,
    limit: number,
    after?: { at: string; id: string },
  ): Promise<TimelineEntry[]> {
    const values: unknown[] = [merchantId, limit];
    let keyset = '';
    if (after) {
      values.push(after.at, after.id);
      keyset = 'AND (occurred_at, event_id) < ($3::timestamptz, $4)';
    }
    const rows: Array<Omit<TimelineEntry, 'occurredAt'> & { occurredAt: Date }> = await this.dataSource.query(
      `SELECT event_id AS "eventId", merchant_id AS "merchantId", occurred_at AS "occurredAt",
              source, type, payload
       FROM merchant_timeline WHERE merchant_id = $1 ${keyset}
       ORDER BY occurred_at DESC, event_id DESC LIMIT $2`,
      values,
    );
    return rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() }));
  }
}
