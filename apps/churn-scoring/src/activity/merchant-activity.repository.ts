import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { RecentActivityMatrix, windowsOfRow } from './recent-activity.matrix';
import { ActivityWindows, BASELINE_DAYS } from './activity-windows';
import { DailyActivity, dayNumber } from './daily-activity';

/** One MerchantDailyActivity snapshot as stored (fen). */
export interface ActivitySnapshot extends DailyActivity {
  merchantId: string;
  asOf: string;
  netAmountMinor: number;
  lastApprovedAt: string | null;
}

type Row = Record<string, string | number | null>;

/**
 * One row per merchant for rescoring: the history summary (first/last active day, active days, the last day that
 * ended a silence of ≥ $3 days) and the last $4 days packed
 * as `age,approved,declined,amount,fee,failures;…` (parsed into flat arrays, no row per merchant-day).
 * `silent_before` of an active day = days since the previous active day − 1, as a running max over
 * the primary key's (merchant, date) order, so the plan needs no sort.
 */
const SCORING_SQL = `
  SELECT merchant_id,
    to_char(min(activity_date) FILTER (WHERE approved_count > 0), 'YYYY-MM-DD') AS first_active,
    to_char(max(activity_date) FILTER (WHERE approved_count > 0), 'YYYY-MM-DD') AS last_active,
    count(*) FILTER (WHERE approved_count > 0) AS active_days,
    to_char(max(activity_date) FILTER (WHERE approved_count > 0 AND silent_before >= $3::int), 'YYYY-MM-DD')
      AS resumed_after_dormancy,
    string_agg(concat_ws(',', d, approved_count, declined_count, approved_amount_minor, fee_minor,
      card_read_failure_count), ';') FILTER (WHERE d < $4::int) AS packed
  FROM (SELECT merchant_id, activity_date, approved_count, declined_count, approved_amount_minor, fee_minor,
          card_read_failure_count, $2::date - activity_date AS d,
          activity_date - max(activity_date) FILTER (WHERE approved_count > 0) OVER (PARTITION BY merchant_id
            ORDER BY activity_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) - 1 AS silent_before
        FROM merchant_daily_activity
        WHERE merchant_id = ANY($1::text[]) AND activity_date <= $2::date) a
  GROUP BY merchant_id`;

/** Daily activity storage: snapshot upserts (latest asOf wins) and the windows scoring reads. */
@Injectable()
export class MerchantActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Upserts snapshots. A snapshot replaces the stored one only when its `asOf` is LATER, so replays
   * and reordering change nothing. Also records the merchants as known. Returns the merchants whose
   * stored activity changed.
   */
  async upsertSnapshots(manager: EntityManager, snapshots: readonly ActivitySnapshot[]): Promise<string[]> {
    if (snapshots.length === 0) return [];
    const s = snapshots;
    await manager.query(
      `INSERT INTO merchants (merchant_id) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [s.map((x) => x.merchantId)],
    );
    const rows: Row[] = await manager.query(
      `INSERT INTO merchant_daily_activity AS t (merchant_id, activity_date, as_of, approved_count, declined_count,
         approved_amount_minor, net_amount_minor, fee_minor, card_read_failure_count, last_approved_at)
       SELECT * FROM unnest($1::text[], $2::date[], $3::timestamptz[], $4::int[], $5::int[], $6::bigint[],
         $7::bigint[], $8::bigint[], $9::int[], $10::timestamptz[])
       ON CONFLICT (merchant_id, activity_date) DO UPDATE SET
         as_of = EXCLUDED.as_of, approved_count = EXCLUDED.approved_count, declined_count = EXCLUDED.declined_count,
         approved_amount_minor = EXCLUDED.approved_amount_minor, net_amount_minor = EXCLUDED.net_amount_minor,
         fee_minor = EXCLUDED.fee_minor, card_read_failure_count = EXCLUDED.card_read_failure_count,
         last_approved_at = EXCLUDED.last_approved_at
       WHERE t.as_of < EXCLUDED.as_of
       RETURNING merchant_id`,
      [
        s.map((x) => x.merchantId),
        s.map((x) => x.date),
        s.map((x) => x.asOf),
        s.map((x) => x.approvedCount),
        s.map((x) => x.declinedCount),
        s.map((x) => x.approvedAmountMinor),
        s.map((x) => x.netAmountMinor),
        s.map((x) => x.feeMinor),
        s.map((x) => x.cardReadFailureCount),
        s.map((x) => x.lastApprovedAt),
      ],
    );
    return [...new Set(rows.map((r) => String(r.merchant_id)))];
  }

  /** Number of known merchants (from activity or lifecycle). */
  async merchantCount(): Promise<number> {
    const [row]: Row[] = await this.dataSource.query(`SELECT count(*) AS n FROM merchants`);
    return toSafeInteger(row.n);
  }

  /** Up to `limit` known merchant ids after `after` in id order (keyset pagination for rescoring). */
  async merchantIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT merchant_id FROM merchants WHERE merchant_id > $1 ORDER BY merchant_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => String(r.merchant_id));
  }

  /** BG/NBD histories (days) of every merchant with an approved purchase up to asOfDate. */
  async loadHistories(asOfDate: string): Promise<Array<{ x: number; tx: number; T: number }>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT count(*) - 1 AS x, max(activity_date) - min(activity_date) AS tx, $1::date - min(activity_date) AS "T"
       FROM merchant_daily_activity WHERE activity_date <= $1::date AND approved_count > 0 GROUP BY merchant_id`,
      [asOfDate],
    );
    return rows.map((r) => ({ x: Number(r.x), tx: Number(r.tx), T: Number(r.T) }));
  }

  /** Every stored day of the given merchants (or all merchants when `merchantIds` is null), for backtests. */
  /** How many merchant-days are stored (a backtest's size, checked before loading). */
  async countDailyActivity(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::bigint AS n FROM merchant_daily_activity`,
    )) as Array<{ n: string }>;
    return Number(row.n);
  }

  /**
   * Every merchant-day, read in keyset pages of `pageSize` rows (merchant, date order): the driver
   * never holds more than one page of raw rows besides the result, so memory is bounded by the
   * result itself (which the caller bounds with {@link countDailyActivity}).
   */
  async loadAllDailyActivityPaged(pageSize = 50_000): Promise<Map<string, DailyActivity[]>> {
    const out = new Map<string, DailyActivity[]>();
    let after: { merchantId: string; date: string } | null = null;
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT merchant_id, to_char(activity_date, 'YYYY-MM-DD') AS date, approved_count, declined_count,
                approved_amount_minor, fee_minor, card_read_failure_count
           FROM merchant_daily_activity
          WHERE $1::text IS NULL OR (merchant_id, activity_date) > ($1::text, $2::date)
          ORDER BY merchant_id, activity_date LIMIT $3`,
        [after?.merchantId ?? null, after?.date ?? null, pageSize],
      );
      appendRows(out, rows);
      if (rows.length < pageSize) return out;
      const last = rows[rows.length - 1];
      after = { merchantId: String(last.merchant_id), date: String(last.date) };
    }
  }

  /**
   * What rescoring reads of a chunk, in ONE pass over each merchant's rows: the whole history's first
   * and last active day, active-day count and last resumption after a dormancy,
   * and the last `lookbackDays` days (≥ 90) as flat arrays, from which the windows are summed here.
   */
  async loadScoringActivity(
    merchantIds: readonly string[],
    asOfDate: string,
    dormantAfterDays: number,
    lookbackDays: number,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<{ windows: Map<string, ActivityWindows>; recent: RecentActivityMatrix }> {
    const lookback = Math.max(lookbackDays, 90, 28 + BASELINE_DAYS);
    const rows: Array<Record<string, string | null>> = await db.query(SCORING_SQL, [
      merchantIds,
      asOfDate,
      dormantAfterDays,
      lookback,
    ]);
    const recent = new RecentActivityMatrix(merchantIds, asOfDate, lookback);
    const rowOf = new Map(merchantIds.map((id, i) => [id, i]));
    const windows = new Map<string, ActivityWindows>();
    for (const r of rows) {
      const id = String(r.merchant_id);
      const row = rowOf.get(id);
      if (row === undefined) continue;
      if (r.packed) recent.setPacked(row, r.packed);
      const activeDays = toSafeInteger(r.active_days);
      if (r.first_active) {
        recent.firstActive[row] = dayNumber(r.first_active);
        recent.activeDaysTotal[row] = activeDays;
      }
      windows.set(
        id,
        windowsOfRow(recent, row, {
          asOfDate,
          firstActiveDate: r.first_active ?? null,
          lastActiveDate: r.last_active ?? null,
          activeDays,
          resumedAfterDormancyOn: r.resumed_after_dormancy ?? null,
        }),
      );
    }
    return { windows, recent };
  }

  async loadDailyActivity(merchantIds: readonly string[] | null): Promise<Map<string, DailyActivity[]>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT merchant_id, to_char(activity_date, 'YYYY-MM-DD') AS date, approved_count, declined_count,
              approved_amount_minor, fee_minor, card_read_failure_count
       FROM merchant_daily_activity WHERE $1::text[] IS NULL OR merchant_id = ANY($1::text[])`,
      [merchantIds],
    );
    const out = new Map<string, DailyActivity[]>();
    appendRows(out, rows);
    return out;
  }
}

function appendRows(out: Map<string, DailyActivity[]>, rows: readonly Row[]): void {
  for (const r of rows) {
    const list = out.get(String(r.merchant_id)) ?? [];
    list.push({
      date: String(r.date),
      approvedCount: Number(r.approved_count),
      declinedCount: Number(r.declined_count),
      approvedAmountMinor: toSafeInteger(r.approved_amount_minor),
      feeMinor: toSafeInteger(r.fee_minor),
      cardReadFailureCount: Number(r.card_read_failure_count),
    });
    out.set(String(r.merchant_id), list);
  }
}
