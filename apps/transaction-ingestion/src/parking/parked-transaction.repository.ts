import { Inject, Injectable } from '@nestjs/common';
import { parseRawTransaction } from '@merchant-pulse/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { IngestItem } from '../transactions/ingest.model';
import { utcDate } from '../shared/local-time';

/** A parked transaction as stored: the original bytes plus where they came from. */
export interface ParkedRow {
  raw: Buffer;
  messageKey: string | null;
  partition: number;
  offset: string;
  producedAtMs: number | null;
  /** The original transaction id a refund/reversal waits for; null when parked for its merchant. */
  awaitingOriginal: string | null;
}

/**
 * Parked rows as pipeline items (they were parsed before parking; a row that no longer parses is
 * skipped), each with the row it came from for dead letters.
 */
export function parkedItems(rows: readonly ParkedRow[]): Array<{ item: IngestItem; row: ParkedRow }> {
  const items: Array<{ item: IngestItem; row: ParkedRow }> = [];
  for (const row of rows) {
    const parsed = parseRawTransaction(row.raw);
    if (!parsed.ok) continue;
    items.push({
      row,
      item: {
        tx: parsed.value,
        raw: row.raw,
        key: row.messageKey,
        partition: row.partition,
        offset: row.offset,
        producedAtMs: row.producedAtMs,
      },
    });
  }
  return items;
}

/**
 * Transactions waiting for something: their merchant (unknown to the projection yet) or, for refunds
 * and reversals, their original transaction.
 */
@Injectable()
export class ParkedTransactionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Parks the items; returns the identities actually parked (the others were already parked: duplicates). */
  async park(
    manager: EntityManager,
    items: readonly IngestItem[],
    nowMs: number,
    ttlMs: number,
    awaitingOriginal = false,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows: Array<{ a: string; t: string }> = await manager.query(
      `INSERT INTO parked_transactions (acquirer_id, transaction_id, merchant_id, business_date, amount_minor, raw,
         message_key, source_partition, source_offset, produced_at, parked_at, expires_at, awaiting_original)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bigint[], $6::bytea[], $7::text[],
         $8::int[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[])
       ON CONFLICT DO NOTHING
       RETURNING acquirer_id AS a, transaction_id AS t`,
      [
        items.map((i) => i.tx.acquirerId),
        items.map((i) => i.tx.transactionId),
        items.map((i) => i.tx.merchantId),
        items.map((i) => utcDate(Date.parse(i.tx.occurredAt))),
        items.map((i) => i.tx.amountMinor),
        items.map((i) => i.raw),
        items.map((i) => i.key),
        items.map((i) => i.partition),
        items.map((i) => i.offset),
        items.map((i) => (i.producedAtMs === null ? null : new Date(i.producedAtMs))),
        items.map(() => new Date(nowMs)),
        items.map(() => new Date(nowMs + ttlMs)),
        items.map((i) => (awaitingOriginal ? (i.tx.originalTransactionId ?? null) : null)),
      ],
    );
    return new Set(rows.map((r) => `${r.a}\u0000${r.t}`));
  }

  /**
   * Removes and returns the refunds/reversals waiting for any of `originals` (oldest first). Checks the
   * (usually empty) partial index first, so the hot path pays one cheap query when nothing waits.
   */
  async takeAwaiting(
    manager: EntityManager,
    originals: ReadonlyArray<{ acquirerId: string; transactionId: string }>,
  ): Promise<ParkedRow[]> {
    if (originals.length === 0) return [];
    const [any] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM parked_transactions WHERE awaiting_original IS NOT NULL) AS x`,
    )) as Array<{ x: boolean }>;
    if (!any.x) return [];
    const rows = deletedRows(
      await manager.query(
        `DELETE FROM parked_transactions p USING unnest($1::text[], $2::text[]) AS u(a, x)
          WHERE p.awaiting_original IS NOT NULL AND p.acquirer_id = u.a AND p.awaiting_original = u.x
          RETURNING raw, message_key, source_partition, source_offset, produced_at, awaiting_original`,
        [originals.map((o) => o.acquirerId), originals.map((o) => o.transactionId)],
      ),
    );
    return rows
      .map(toParked)
      .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  }

  /** Removes and returns the parked rows of merchants now known (oldest first, for replay). */
  async takeForKnownMerchants(
    manager: EntityManager,
    merchantIds?: readonly string[],
    limit = 5_000,
  ): Promise<ParkedRow[]> {
    const rows = deletedRows(
      await manager.query(
        `DELETE FROM parked_transactions p WHERE (p.acquirer_id, p.transaction_id) IN (
         SELECT q.acquirer_id, q.transaction_id FROM parked_transactions q JOIN merchants m USING (merchant_id)
          WHERE q.awaiting_original IS NULL AND ($1::text[] IS NULL OR q.merchant_id = ANY($1::text[]))
          ORDER BY q.source_partition, q.source_offset::numeric LIMIT $2 FOR UPDATE OF q SKIP LOCKED)
       RETURNING raw, message_key, source_partition, source_offset, produced_at, awaiting_original`,
        [merchantIds ?? null, limit],
      ),
    );
    return rows
      .map(toParked)
      .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  }

  /** Removes and returns the rows whose TTL passed (their merchant never registered). */
  async takeExpired(manager: EntityManager, nowMs: number, limit = 5_000): Promise<ParkedRow[]> {
    const rows = deletedRows(
      await manager.query(
        `DELETE FROM parked_transactions p WHERE (p.acquirer_id, p.transaction_id) IN (
         SELECT acquirer_id, transaction_id FROM parked_transactions WHERE expires_at <= $1
          ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING raw, message_key, source_partition, source_offset, produced_at, awaiting_original`,
        [new Date(nowMs), limit],
      ),
    );
    return rows.map(toParked);
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM parked_transactions`);
    return (row as { n: number }).n;
  }
}

/** TypeORM answers `DELETE … RETURNING` with `[rows, affectedCount]`. */
function deletedRows(result: unknown): Array<Record<string, unknown>> {
  const [rows] = result as [Array<Record<string, unknown>>, number];
  return rows;
}

function toParked(r: Record<string, unknown>): ParkedRow {
  return {
    raw: r.raw as Buffer,
    messageKey: (r.message_key as string | null) ?? null,
    partition: r.source_partition as number,
    offset: r.source_offset as string,
    producedAtMs: r.produced_at ? new Date(r.produced_at as Date).getTime() : null,
    awaitingOriginal: (r.awaiting_original as string | null) ?? null,
  };
}
