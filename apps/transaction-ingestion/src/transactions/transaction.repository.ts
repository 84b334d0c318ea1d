import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OriginalTransaction, PricedTransaction } from './ingest.model';

/** A stored transaction as the query API returns it. */
export interface TransactionRecord {
  acquirerId: string;
  transactionId: string;
  merchantId: string;
  terminalId: string;
  occurredAt: string;
  localDate: string;
  amountMinor: number;
  feeMinor: number;
  currency: string;
  channel: string;
  type: string;
  status: string;
  responseCode: string | null;
  entryMode: string | null;
  originalTransactionId: string | null;
  reversedBy: string | null;
}

/** Writes and reads the partitioned `transactions` table and its dedupe keys. */
@Injectable()
export class TransactionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Inserts the chunk in ONE statement: claims the identities in `transaction_keys` (ON CONFLICT DO
   * NOTHING) and inserts the full rows only for the identities claimed. Splits `rows` into those
   * inserted and those already known (duplicates). Input must be free of in-chunk duplicates.
   * Columns travel as space-separated lists split by `string_to_array` in Postgres: every value is an
   * identifier (printable ASCII without spaces), an enum, an instant or a number, and this is far
   * cheaper on the hot path than the driver's per-element array escaping.
   */
  async insertNew(
    manager: EntityManager,
    rows: readonly PricedTransaction[],
  ): Promise<{ inserted: PricedTransaction[]; duplicates: PricedTransaction[] }> {
    if (rows.length === 0) return { inserted: [], duplicates: [] };
    const dup: Array<{ n: number }> = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest(string_to_array($1, ' '), string_to_array($2, ' '), string_to_array($3, ' '),
           string_to_array($4, ' '), string_to_array($5, ' ')::timestamptz[], string_to_array($6, ' ')::date[],
           string_to_array($7, ' ')::bigint[], string_to_array($8, ' ')::bigint[], string_to_array($9, ' '),
           string_to_array($10, ' '), string_to_array($11, ' '), string_to_array($12, ' '),
           string_to_array($13, ' ', ''), string_to_array($14, ' ', ''), string_to_array($15, ' ', ''),
           string_to_array($16, ' ', '')::bigint[]) WITH ORDINALITY
           AS i(acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date, amount_minor,
                fee_minor, currency, channel, type, status, response_code, entry_mode, original_transaction_id,
                produced_ms, n)
       ), claimed AS (
         INSERT INTO transaction_keys (acquirer_id, transaction_id, merchant_id, occurred_at)
         SELECT acquirer_id, transaction_id, merchant_id, occurred_at FROM input
         ON CONFLICT DO NOTHING
         RETURNING acquirer_id, transaction_id
       ), stored AS (
         INSERT INTO transactions (acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date,
           amount_minor, fee_minor, currency, channel, type, status, response_code, entry_mode,
           original_transaction_id, produced_at)
         SELECT i.acquirer_id, i.transaction_id, i.merchant_id, i.terminal_id, i.occurred_at, i.local_date,
           i.amount_minor, i.fee_minor, i.currency, i.channel, i.type, i.status, i.response_code, i.entry_mode,
           i.original_transaction_id, to_timestamp(i.produced_ms / 1000.0)
           FROM input i JOIN claimed c USING (acquirer_id, transaction_id)
       )
       SELECT i.n::int AS n FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM claimed c
                           WHERE c.acquirer_id = i.acquirer_id AND c.transaction_id = i.transaction_id)`,
      columnLists(rows),
    );
    if (dup.length === 0) return { inserted: [...rows], duplicates: [] };
    const known = new Set(dup.map((d) => d.n - 1));
    return {
      inserted: rows.filter((_, i) => !known.has(i)),
      duplicates: rows.filter((_, i) => known.has(i)),
    };
  }

  /** The stored originals of the given identities (keyed `acquirerId \0 transactionId`). */
  async findOriginals(
    manager: EntityManager,
    keys: ReadonlyArray<{ acquirerId: string; transactionId: string }>,
  ): Promise<Map<string, OriginalTransaction>> {
    const found = new Map<string, OriginalTransaction>();
    if (keys.length === 0) return found;
    const rows: Array<Record<string, string | Date | null>> = await manager.query(
      `SELECT t.acquirer_id, t.transaction_id, t.merchant_id, t.occurred_at, t.local_date::text AS local_date,
              t.channel, t.type, t.status, t.amount_minor, t.fee_minor, t.reversed_by, t.refunded_minor
         FROM unnest($1::text[], $2::text[]) AS u(a, x)
         JOIN transaction_keys k ON k.acquirer_id = u.a AND k.transaction_id = u.x
         JOIN transactions t ON t.merchant_id = k.merchant_id AND t.occurred_at = k.occurred_at
                            AND t.transaction_id = k.transaction_id AND t.acquirer_id = k.acquirer_id`,
      [keys.map((k) => k.acquirerId), keys.map((k) => k.transactionId)],
    );
    for (const r of rows) {
      found.set(`${r.acquirer_id as string}\u0000${r.transaction_id as string}`, {
        acquirerId: r.acquirer_id as string,
        transactionId: r.transaction_id as string,
        merchantId: r.merchant_id as string,
        occurredAt: new Date(r.occurred_at as Date),
        localDate: r.local_date as string,
        channel: r.channel as string,
        type: r.type as string,
        status: r.status as string,
        amountMinor: Number(r.amount_minor),
        feeMinor: Number(r.fee_minor),
        reversedBy: (r.reversed_by as string | null) ?? null,
        refundedMinor: Number(r.refunded_minor),
      });
    }
    return found;
  }

  /** Marks originals as reversed (partition-pruned by their occurred_at). */
  async markReversed(
    manager: EntityManager,
    reversals: ReadonlyArray<{ original: OriginalTransaction; by: string }>,
  ): Promise<void> {
    if (reversals.length === 0) return;
    await manager.query(
      `UPDATE transactions t SET reversed_by = u.by
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS u(a, x, m, o, by)
        WHERE t.merchant_id = u.m AND t.occurred_at = u.o AND t.transaction_id = u.x AND t.acquirer_id = u.a`,
      [
        reversals.map((r) => r.original.acquirerId),
        reversals.map((r) => r.original.transactionId),
        reversals.map((r) => r.original.merchantId),
        reversals.map((r) => r.original.occurredAt.toISOString()),
        reversals.map((r) => r.by),
      ],
    );
  }

  /** Adds approved refunds to their originals' `refunded_minor` (partition-pruned by occurred_at). */
  async addRefunded(
    manager: EntityManager,
    refunds: ReadonlyArray<{ original: OriginalTransaction; amountMinor: number }>,
  ): Promise<void> {
    const byOriginal = new Map<string, { original: OriginalTransaction; amountMinor: number }>();
    for (const r of refunds) {
      const key = `${r.original.acquirerId}\u0000${r.original.transactionId}`;
      const entry = byOriginal.get(key) ?? { original: r.original, amountMinor: 0 };
      entry.amountMinor += r.amountMinor;
      byOriginal.set(key, entry);
    }
    if (byOriginal.size === 0) return;
    const rows = [...byOriginal.values()];
    await manager.query(
      `UPDATE transactions t SET refunded_minor = t.refunded_minor + u.amount
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[]) AS u(a, x, m, o, amount)
        WHERE t.merchant_id = u.m AND t.occurred_at = u.o AND t.transaction_id = u.x AND t.acquirer_id = u.a`,
      [
        rows.map((r) => r.original.acquirerId),
        rows.map((r) => r.original.transactionId),
        rows.map((r) => r.original.merchantId),
        rows.map((r) => r.original.occurredAt.toISOString()),
        rows.map((r) => String(r.amountMinor)),
      ],
    );
  }

  /** A merchant's transactions in [from, to), newest first, after the cursor (keyset pagination). */
  async listByMerchant(query: {
    merchantId: string;
    from: Date;
    to: Date;
    limit: number;
    after?: { occurredAt: string; transactionId: string };
  }): Promise<TransactionRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date::text AS local_date,
              amount_minor, fee_minor, currency, channel, type, status, response_code, entry_mode,
              original_transaction_id, reversed_by
         FROM transactions
        WHERE merchant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
          AND ($4::timestamptz IS NULL OR (occurred_at, transaction_id) < ($4::timestamptz, $5::text))
        ORDER BY occurred_at DESC, transaction_id DESC
        LIMIT $6`,
      [
        query.merchantId,
        query.from,
        query.to,
        query.after?.occurredAt ?? null,
        query.after?.transactionId ?? '',
        query.limit,
      ],
    );
    return rows.map(toRecord);
  }
}

/** The 16 space-separated column lists of {@link TransactionRepository.insertNew} (`''` = NULL where nullable). */
function columnLists(rows: readonly PricedTransaction[]): string[] {
  const cols: string[][] = Array.from({ length: 16 }, () => new Array<string>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    const tx = p.item.tx;
    cols[0][i] = tx.acquirerId;
    cols[1][i] = tx.transactionId;
    cols[2][i] = tx.merchantId;
    cols[3][i] = tx.terminalId;
    cols[4][i] = tx.occurredAt;
    cols[5][i] = p.localDate;
    cols[6][i] = String(tx.amountMinor);
    cols[7][i] = String(p.feeMinor);
    cols[8][i] = tx.currency;
    cols[9][i] = tx.channel;
    cols[10][i] = tx.type;
    cols[11][i] = tx.status;
    cols[12][i] = tx.responseCode ?? '';
    cols[13][i] = tx.entryMode ?? '';
    cols[14][i] = tx.originalTransactionId ?? '';
    cols[15][i] = p.item.producedAtMs === null ? '' : String(p.item.producedAtMs);
  }
  return cols.map((c) => c.join(' '));
}

function toRecord(r: Record<string, unknown>): TransactionRecord {
  return {
    acquirerId: r.acquirer_id as string,
    transactionId: r.transaction_id as string,
    merchantId: r.merchant_id as string,
    terminalId: r.terminal_id as string,
    occurredAt: new Date(r.occurred_at as Date).toISOString(),
    localDate: r.local_date as string,
    amountMinor: Number(r.amount_minor),
    feeMinor: Number(r.fee_minor),
    currency: r.currency as string,
    channel: r.channel as string,
    type: r.type as string,
    status: r.status as string,
    responseCode: (r.response_code as string | null) ?? null,
    entryMode: (r.entry_mode as string | null) ?? null,
    originalTransactionId: (r.original_transaction_id as string | null) ?? null,
    reversedBy: (r.reversed_by as string | null) ?? null,
  };
}
