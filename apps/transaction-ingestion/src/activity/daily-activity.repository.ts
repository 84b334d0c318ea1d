import { Inject, Injectable } from '@nestjs/common';
import { CHANNELS, EventRegistry } from '@merchant-pulse/contracts';
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

  /**
   * Enqueues one MerchantDailyActivity per merchant-day into the outbox, built by Postgres from the
   * ABSOLUTE totals in the same statement (`ids[i]` is the event id of `keys[i]`). The service never
   * parses the rows nor serialises the events: at 10,000 trading merchants a publisher round is
   * thousands of snapshots, and doing that in Node stalled the ingestion chunks sharing its event loop.
   * The shape is the one `toDailyActivityPayload` (daily-activity.snapshot.ts) builds for the query API (an integration test
   * holds the two equal and checks the result against the contract). Returns how many were enqueued.
   */
  async enqueueSnapshots(
    manager: EntityManager,
    keys: ReadonlyArray<{ merchantId: string; localDate: string }>,
    ids: readonly string[],
    asOf: Date,
    topic: string,
  ): Promise<number> {
    if (keys.length === 0) return 0;
    const rows: Array<{ n: number }> = await manager.query(
      `WITH snapshot AS (
         SELECT k.id, d.merchant_id, jsonb_build_object(
           'id', k.id, 'type', 'MerchantDailyActivity', 'version', $5::int, 'occurredAt', $4::text,
           'producer', 'transaction-ingestion', 'merchantId', d.merchant_id, 'correlationId', k.id,
           'payload', jsonb_strip_nulls(jsonb_build_object(
             'date', d.local_date::text, 'timezone', d.timezone, 'currency', d.currency,
             'approvedCount', d.approved_count, 'declinedCount', d.declined_count,
             'approvedAmountMinor', d.approved_amount_minor,
             'refundCount', d.refund_count, 'refundAmountMinor', d.refund_amount_minor,
             'reversalCount', d.reversal_count, 'reversalAmountMinor', d.reversal_amount_minor,
             'netAmountMinor', d.approved_amount_minor - d.refund_amount_minor - d.reversal_amount_minor,
             'feeMinor', d.fee_minor, 'byChannel', ${channelBreakdownSql('d.by_channel')},
             'cardReadFailureCount', d.card_read_failure_count, 'hourlyApprovedCounts', to_jsonb(d.hourly_approved),
             'activeTerminalCount', cardinality(d.terminal_ids),
             'firstApprovedAt', ${utcInstantSql('d.first_approved_at')},
             'lastApprovedAt', ${utcInstantSql('d.last_approved_at')},
             'asOf', $4::text))) AS event
           FROM unnest($1::text[], $2::date[], $3::uuid[]) AS k(m, l, id)
           JOIN daily_activity d ON d.merchant_id = k.m AND d.local_date = k.l
       ), queued AS (
         INSERT INTO outbox (event_id, topic, message_key, event_type, value, headers)
         SELECT id, $6, merchant_id, 'MerchantDailyActivity', event::text,
                jsonb_build_object('event-id', id::text, 'event-type', 'MerchantDailyActivity',
                  'event-version', $5::text, 'content-type', 'application/json', 'correlation-id', id::text)
           FROM snapshot
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM queued`,
      [
        keys.map((k) => k.merchantId),
        keys.map((k) => k.localDate),
        ids,
        asOf.toISOString(),
        EventRegistry.MerchantDailyActivity.version,
        topic,
      ],
    );
    return rows[0].n;
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

/** The contract's `byChannel` object from the flat `[count, amount, fee] × CHANNELS` array column. */
function channelBreakdownSql(column: string): string {
  const entries = CHANNELS.map(
    (channel, i) =>
      `'${channel}', jsonb_build_object('count', ${column}[${i * 3 + 1}], 'amountMinor', ${column}[${i * 3 + 2}], 'feeMinor', ${column}[${i * 3 + 3}])`,
  );
  return `jsonb_build_object(${entries.join(', ')})`;
}

/** An instant as the contract writes it (`2026-01-01T08:30:00.000Z`, what `Date#toISOString` gives); NULL stays NULL. */
function utcInstantSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
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
