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
   * NOTHING) and inserts the full rows only for the identities claimed. Returns those identities
   * (`acquirerId \0 transactionId`); the rest were duplicates. Input must be free of in-chunk duplicates.
   */
  async insertNew(manager: EntityManager, rows: readonly PricedTransaction[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const cols: unknown[][] = Array.from({ length: 16 }, () => new Array<unknown>(rows.length));
    rows.forEach((p, i) => {
      const tx = p.item.tx;
      const values = [
        tx.acquirerId,
        tx.transactionId,
        tx.merchantId,
        tx.terminalId,
        tx.occurredAt,
        p.localDate,
        tx.amountMinor,
        p.feeMinor,
        tx.currency,
        tx.channel,
        tx.type,
        tx.status,
        tx.responseCode ?? null,
        tx.entryMode ?? null,
        tx.originalTransactionId ?? null,
        p.item.producedAtMs === null ? null : new Date(p.item.producedAtMs).toISOString(),
      ];
      for (let c = 0; c < 16; c++) cols[c][i] = values[c];
    });
    const inserted: Array<{ a: string; t: string }> = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[],
           $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
           $15::text[], $16::timestamptz[])
           AS i(acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date, amount_minor,
                fee_minor, currency, channel, type, status, response_code, entry_mode, original_transaction_id, produced_at)
       ), claimed AS (
         INSERT INTO transaction_keys (acquirer_id, transaction_id, merchant_id, occurred_at)
         SELECT acquirer_id, transaction_id, merchant_id, occurred_at FROM input
         ON CONFLICT DO NOTHING
         RETURNING acquirer_id, transaction_id
       ), stored AS (
         INSERT INTO transactions (acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date,
           amount_minor, fee_minor, currency, channel, type, status, response_code, entry_mode,
           original_transaction_id, produced_at)
         SELECT i.* FROM input i JOIN claimed c USING (acquirer_id, transaction_id)
         RETURNING 1
       )
       SELECT acquirer_id AS a, transaction_id AS t FROM claimed`,
      cols,
    );
    return new Set(inserted.map((r) => `${r.a}\u0000${r.t}`));
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
              t.channel, t.type, t.status, t.amount_minor, t.fee_minor, t.reversed_by
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
