import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DayVolumes } from './accrual-rules';

type Row = Record<string, string | number | null>;

/** The day snapshots accrual was last computed from (latest asOf per merchant-day wins). */
@Injectable()
export class DaySnapshotRepository {
  /**
   * Stores the snapshots that are newer than the stored ones and returns exactly those: a replayed
   * or older snapshot returns nothing, so it accrues nothing.
   */
  async upsertNewer(manager: EntityManager, days: readonly DayVolumes[]): Promise<DayVolumes[]> {
    if (days.length === 0) return [];
    const rows: Row[] = await manager.query(
      `INSERT INTO loyalty_day_snapshots AS t (merchant_id, activity_date, as_of, approved_count, card_net_minor, qr_net_minor)
       SELECT * FROM unnest($1::text[], $2::date[], $3::timestamptz[], $4::int[], $5::bigint[], $6::bigint[])
       ON CONFLICT (merchant_id, activity_date) DO UPDATE SET
         as_of = EXCLUDED.as_of, approved_count = EXCLUDED.approved_count,
         card_net_minor = EXCLUDED.card_net_minor, qr_net_minor = EXCLUDED.qr_net_minor
       WHERE t.as_of < EXCLUDED.as_of
       RETURNING merchant_id, to_char(activity_date, 'YYYY-MM-DD') AS date`,
      [
        days.map((d) => d.merchantId),
        days.map((d) => d.date),
        days.map((d) => d.asOf),
        days.map((d) => d.approvedCount),
        days.map((d) => d.cardNetMinor),
        days.map((d) => d.qrNetMinor),
      ],
    );
    const changed = new Set(rows.map((r) => `${String(r.merchant_id)}|${String(r.date)}`));
    return days.filter((d) => changed.has(`${d.merchantId}|${d.date}`));
  }

  /** Approved trading days of a merchant (ascending), for referral qualification and membership tenure. */
  async tradingDays(
    manager: Pick<EntityManager, 'query'>,
    merchantId: string,
    limit: number,
  ): Promise<string[]> {
    const rows: Row[] = await manager.query(
      `SELECT to_char(activity_date, 'YYYY-MM-DD') AS date FROM loyalty_day_snapshots
        WHERE merchant_id = $1 AND approved_count > 0 ORDER BY activity_date LIMIT $2`,
      [merchantId, limit],
    );
    return rows.map((r) => String(r.date));
  }
}
