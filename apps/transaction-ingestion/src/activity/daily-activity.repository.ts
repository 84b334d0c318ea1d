import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DailyActivityDelta } from './daily-activity.accumulator';

/** A `daily_activity` row: absolute totals of one merchant-day. */
export interface DailyActivityRow {
  merchantId: string;
  localDate: string;
  timezone: string;
  currency: string;
  approvedCount: number;
  approvedAmountMinor: number;
  declinedCount: number;
  refundCount: number;
  refundAmountMinor: number;
  reversalCount: number;
  reversalAmountMinor: number;
  feeMinor: number;
  cardReadFailureCount: number;
  byChannel: number[];
  hourlyApproved: number[];
  terminalIds: string[];
  firstApprovedAt: Date | null;
  lastApprovedAt: Date | null;
}

const COLUMNS = `merchant_id, local_date::text AS local_date, timezone, currency, approved_count, approved_amount_minor,
  declined_count, refund_count, refund_amount_minor, reversal_count, reversal_amount_minor, fee_minor,
  card_read_failure_count, by_channel, hourly_approved, terminal_ids, first_approved_at, last_approved_at`;

/** Additive upserts of daily activity and its reads. */
@Injectable()
export class DailyActivityRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Adds the deltas (one statement for the chunk) and marks every touched merchant-day dirty, so the
   * snapshot publisher emits its new totals. The mark takes a row lock (DO UPDATE … WHERE false) even
   * when the merchant-day is already dirty: a publisher round can then never claim the mark while
   * this transaction's totals are uncommitted (it skips locked marks; see claimDirty).
   */
  async add(manager: EntityManager, deltas: readonly DailyActivityDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await manager.query(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(merchant_id text, local_date date, timezone text,
           currency text, approved_count bigint, approved_amount_minor bigint, declined_count bigint,
           refund_count bigint, refund_amount_minor bigint, reversal_count bigint, reversal_amount_minor bigint,
           fee_minor bigint, card_read_failure_count bigint, by_channel bigint[], hourly_approved bigint[],
           terminal_ids text[], first_approved_at timestamptz, last_approved_at timestamptz)
       ), marked AS (
         INSERT INTO daily_activity_dirty AS m (merchant_id, local_date)
         SELECT merchant_id, local_date FROM x
         ON CONFLICT (merchant_id, local_date) DO UPDATE SET local_date = EXCLUDED.local_date WHERE false
       )
       INSERT INTO daily_activity AS d (merchant_id, local_date, timezone, currency, approved_count,
         approved_amount_minor, declined_count, refund_count, refund_amount_minor, reversal_count,
         reversal_amount_minor, fee_minor, card_read_failure_count, by_channel, hourly_approved, terminal_ids,
         first_approved_at, last_approved_at)
       SELECT * FROM x
       ON CONFLICT (merchant_id, local_date) DO UPDATE SET
         approved_count = d.approved_count + EXCLUDED.approved_count,
         approved_amount_minor = d.approved_amount_minor + EXCLUDED.approved_amount_minor,
         declined_count = d.declined_count + EXCLUDED.declined_count,
         refund_count = d.refund_count + EXCLUDED.refund_count,
         refund_amount_minor = d.refund_amount_minor + EXCLUDED.refund_amount_minor,
         reversal_count = d.reversal_count + EXCLUDED.reversal_count,
         reversal_amount_minor = d.reversal_amount_minor + EXCLUDED.reversal_amount_minor,
         fee_minor = d.fee_minor + EXCLUDED.fee_minor,
         card_read_failure_count = d.card_read_failure_count + EXCLUDED.card_read_failure_count,
         by_channel = ${addArrays('by_channel', 15)},
         hourly_approved = ${addArrays('hourly_approved', 24)},
         terminal_ids = CASE WHEN EXCLUDED.terminal_ids <@ d.terminal_ids THEN d.terminal_ids
           ELSE ARRAY(SELECT DISTINCT unnest(d.terminal_ids || EXCLUDED.terminal_ids) ORDER BY 1) END,
         first_approved_at = LEAST(d.first_approved_at, EXCLUDED.first_approved_at),
         last_approved_at = GREATEST(d.last_approved_at, EXCLUDED.last_approved_at)`,
      [JSON.stringify(deltas.map(toJson))],
    );
  }

  /**
   * Claims (deletes) up to `limit` dirty marks, skipping marks locked by chunks still in flight.
   * Read the totals with {@link totalsOf} in a LATER statement of the same transaction: its snapshot
   * then includes every chunk that committed before the claim.
   */
  async claimDirty(
    manager: EntityManager,
    limit: number,
  ): Promise<Array<{ merchantId: string; localDate: string }>> {
    const rows: Array<{ m: string; l: string }> = await manager.query(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, rowCount].
      `WITH claimed AS (
         DELETE FROM daily_activity_dirty
          WHERE (merchant_id, local_date) IN (
            SELECT merchant_id, local_date FROM daily_activity_dirty LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING merchant_id, local_date)
       SELECT merchant_id AS m, local_date::text AS l FROM claimed`,
      [limit],
    );
    return rows.map((r) => ({ merchantId: r.m, localDate: r.l }));
  }

  /** Absolute totals of the given merchant-days. */
  async totalsOf(
    manager: EntityManager,
    keys: ReadonlyArray<{ merchantId: string; localDate: string }>,
  ): Promise<DailyActivityRow[]> {
    if (keys.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${COLUMNS} FROM daily_activity
         JOIN unnest($1::text[], $2::date[]) AS k(m, l) ON merchant_id = k.m AND local_date = k.l`,
      [keys.map((k) => k.merchantId), keys.map((k) => k.localDate)],
    );
    return rows.map(toRow);
  }

  /** A merchant's days in [from, to] (local dates, inclusive), oldest first. */
  async listByMerchant(merchantId: string, from: string, to: string): Promise<DailyActivityRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM daily_activity WHERE merchant_id = $1 AND local_date BETWEEN $2 AND $3 ORDER BY local_date`,
      [merchantId, from, to],
    );
    return rows.map(toRow);
  }
}

/** `a + b` element-wise for fixed-length bigint arrays, as plain expressions (no per-row function call). */
function addArrays(column: string, length: number): string {
  const terms = Array.from({ length }, (_, i) => `d.${column}[${i + 1}] + EXCLUDED.${column}[${i + 1}]`);
  return `ARRAY[${terms.join(', ')}]::bigint[]`;
}

function toJson(d: DailyActivityDelta): Record<string, unknown> {
  return {
    merchant_id: d.merchantId,
    local_date: d.localDate,
    timezone: d.timezone,
    currency: d.currency,
    approved_count: d.approvedCount,
    approved_amount_minor: d.approvedAmountMinor,
    declined_count: d.declinedCount,
    refund_count: d.refundCount,
    refund_amount_minor: d.refundAmountMinor,
    reversal_count: d.reversalCount,
    reversal_amount_minor: d.reversalAmountMinor,
    fee_minor: d.feeMinor,
    card_read_failure_count: d.cardReadFailureCount,
    by_channel: d.byChannel,
    hourly_approved: d.hourlyApproved,
    terminal_ids: d.terminalIds,
    first_approved_at: d.firstApprovedAt,
    last_approved_at: d.lastApprovedAt,
  };
}

function toRow(r: Record<string, unknown>): DailyActivityRow {
  const n = (v: unknown) => Number(v);
  return {
    merchantId: r.merchant_id as string,
    localDate: r.local_date as string,
    timezone: r.timezone as string,
    currency: r.currency as string,
    approvedCount: n(r.approved_count),
    approvedAmountMinor: n(r.approved_amount_minor),
    declinedCount: n(r.declined_count),
    refundCount: n(r.refund_count),
    refundAmountMinor: n(r.refund_amount_minor),
    reversalCount: n(r.reversal_count),
    reversalAmountMinor: n(r.reversal_amount_minor),
    feeMinor: n(r.fee_minor),
    cardReadFailureCount: n(r.card_read_failure_count),
    byChannel: (r.by_channel as string[]).map(n),
    hourlyApproved: (r.hourly_approved as string[]).map(n),
    terminalIds: r.terminal_ids as string[],
    firstApprovedAt: r.first_approved_at ? new Date(r.first_approved_at as Date) : null,
    lastApprovedAt: r.last_approved_at ? new Date(r.last_approved_at as Date) : null,
  };
}
