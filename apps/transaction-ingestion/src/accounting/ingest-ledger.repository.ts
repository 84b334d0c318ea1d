import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerDelta } from '../transactions/ingest.model';

/** One ledger line summed over shards. */
export interface LedgerLine {
  outcome: string;
  reason: string;
  count: number;
  amountMinor: number;
  feeMinor: number;
}

/** The `ingest_ledger`: exact counts and sums, updated in the same transaction as the data. */
@Injectable()
export class IngestLedgerRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds the deltas (sorted by key, so concurrent chunks lock rows in one order). */
  async add(manager: EntityManager, deltas: readonly LedgerDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await manager.query(
      `INSERT INTO ingest_ledger AS l (acquirer_id, business_date, outcome, reason, shard, count, amount_minor, fee_minor)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[])
       ON CONFLICT (acquirer_id, business_date, outcome, reason, shard) DO UPDATE SET
         count = l.count + EXCLUDED.count,
         amount_minor = l.amount_minor + EXCLUDED.amount_minor,
         fee_minor = l.fee_minor + EXCLUDED.fee_minor`,
      [
        deltas.map((d) => d.acquirerId),
        deltas.map((d) => d.businessDate),
        deltas.map((d) => d.outcome),
        deltas.map((d) => d.reason),
        deltas.map((d) => d.shard),
        deltas.map((d) => d.count),
        deltas.map((d) => d.amountMinor),
        deltas.map((d) => d.feeMinor),
      ],
    );
  }

  /** Lines of one acquirer and business date, summed over shards. */
  async linesFor(acquirerId: string, businessDate: string): Promise<LedgerLine[]> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT outcome, reason, sum(count) AS count, sum(amount_minor) AS amount_minor, sum(fee_minor) AS fee_minor
         FROM ingest_ledger WHERE acquirer_id = $1 AND business_date = $2
        GROUP BY outcome, reason ORDER BY outcome, reason`,
      [acquirerId, businessDate],
    );
    return rows.map((r) => ({
      outcome: r.outcome,
      reason: r.reason,
      count: Number(r.count),
      amountMinor: Number(r.amount_minor),
      feeMinor: Number(r.fee_minor),
    }));
  }
}
