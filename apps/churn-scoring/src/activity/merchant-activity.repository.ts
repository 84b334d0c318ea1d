import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityWindows, BASELINE_DAYS, WindowTotals } from './activity-windows';
import { DailyActivity, dateOfDay, dayNumber } from './daily-activity';

/** One MerchantDailyActivity snapshot as stored (fen). */
export interface ActivitySnapshot extends DailyActivity {
  merchantId: string;
  asOf: string;
  netAmountMinor: number;
  lastApprovedAt: string | null;
}

type Row = Record<string, string | number | null>;

const WINDOWS = {
  d7: 'd < 7',
  d28: 'd < 28',
  d90: 'd < 90',
  baseline: `d >= 28 AND d < ${28 + BASELINE_DAYS}`,
} as const;

const TOTALS: Record<keyof WindowTotals, string> = {
  approvedCount: 'sum(approved_count)',
  declinedCount: 'sum(declined_count)',
  amountMinor: 'sum(approved_amount_minor)',
  feeMinor: 'sum(fee_minor)',
  cardReadFailureCount: 'sum(card_read_failure_count)',
  activeDays: 'count(*) FILTER (WHERE approved_count > 0 AND',
};

function windowColumns(): string {
  return Object.entries(WINDOWS)
    .flatMap(([w, cond]) =>
      Object.entries(TOTALS).map(([field, agg]) =>
        agg.endsWith('AND')
          ? `${agg} ${cond}) AS "${w}_${field}"`
          : `coalesce(${agg} FILTER (WHERE ${cond}), 0) AS "${w}_${field}"`,
      ),
    )
    .join(',\n');
}

/**
 * The aggregation behind {@link ActivityWindows} (d = days before asOf), same semantics as aggregateActivity.
 * `silent_before` = days without approved activity before an active day (lag over the active days only,
 * partitioned by `approved_count > 0`); $3 = dormantAfterDays.
 */
const WINDOWS_SQL = `
  SELECT merchant_id,
    to_char(min(activity_date) FILTER (WHERE approved_count > 0), 'YYYY-MM-DD') AS first_active,
    to_char(max(activity_date) FILTER (WHERE approved_count > 0), 'YYYY-MM-DD') AS last_active,
    count(*) FILTER (WHERE approved_count > 0) AS active_days,
    to_char(max(activity_date) FILTER (WHERE approved_count > 0 AND silent_before >= $3::int), 'YYYY-MM-DD')
      AS resumed_after_dormancy,
    ${windowColumns()}
  FROM (SELECT *, $2::date - activity_date AS d,
          activity_date - lag(activity_date) OVER (PARTITION BY merchant_id, approved_count > 0
            ORDER BY activity_date) - 1 AS silent_before
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

  /**
   * Activity windows of the given merchants as of a date (merchants without any row are absent);
   * `dormantAfterDays` defines the silence whose end is `resumedAfterDormancyOn`.
   */
  async loadWindows(
    merchantIds: readonly string[],
    asOfDate: string,
    dormantAfterDays: number,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<Map<string, ActivityWindows>> {
    const rows: Row[] = await db.query(WINDOWS_SQL, [merchantIds, asOfDate, dormantAfterDays]);
    return new Map(rows.map((row) => [String(row.merchant_id), toWindows(row, asOfDate)]));
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
   * The last `days` days of activity up to asOf of the given merchants, one compact text row per
   * merchant (the hazard model's windows at rescoring; a row per merchant-day would dominate the run).
   */
  async loadRecentDays(
    merchantIds: readonly string[],
    asOfDate: string,
    days: number,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<Map<string, DailyActivity[]>> {
    const rows: Array<{ merchant_id: string; packed: string }> = await db.query(
      `SELECT merchant_id, string_agg(concat_ws(',', $2::date - activity_date, approved_count, declined_count,
                approved_amount_minor, fee_minor, card_read_failure_count), ';') AS packed
         FROM merchant_daily_activity
        WHERE merchant_id = ANY($1::text[]) AND activity_date <= $2::date AND activity_date > $2::date - $3::int
        GROUP BY merchant_id`,
      [merchantIds, asOfDate, days],
    );
    const asOf = dayNumber(asOfDate);
    const out = new Map<string, DailyActivity[]>();
    for (const r of rows)
      out.set(
        r.merchant_id,
        r.packed.split(';').map((item) => {
          const [age, approved, declined, amount, fee, failures] = item.split(',').map(Number);
          return {
            date: dateOfDay(asOf - age),
            approvedCount: approved,
            declinedCount: declined,
            approvedAmountMinor: amount,
            feeMinor: fee,
            cardReadFailureCount: failures,
          };
        }),
      );
    return out;
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

function toWindows(row: Row, asOfDate: string): ActivityWindows {
  const totals = (w: string): WindowTotals => {
    const out = {} as WindowTotals;
    for (const field of Object.keys(TOTALS) as Array<keyof WindowTotals>)
      out[field] = toSafeInteger(row[`${w}_${field}`]);
    return out;
  };
  return {
    asOfDate,
    firstActiveDate: (row.first_active as string | null) ?? null,
    lastActiveDate: (row.last_active as string | null) ?? null,
    activeDays: toSafeInteger(row.active_days),
    resumedAfterDormancyOn: (row.resumed_after_dormancy as string | null) ?? null,
    d7: totals('d7'),
    d28: totals('d28'),
    d90: totals('d90'),
    baseline: totals('baseline'),
  };
}
