import { Injectable } from '@nestjs/common';
import type { MembershipTier } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, string | number | null>;

/** One merchant's inputs and current tier for a recalculation. */
export interface MembershipCandidate {
  merchantId: string;
  current: MembershipTier | null;
  trailingVolumeMinor: number;
  tenureDays: number;
  valueTier: string | null;
}

/** A merchant's stored membership. */
export interface Membership {
  merchantId: string;
  tier: MembershipTier;
  since: string;
  assessedOn: string;
  trailingVolumeMinor: number;
  tenureDays: number;
  reason: string;
}

/** Memberships, their history and the inputs they are computed from (own projections only). */
@Injectable()
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertValueTiers(
    manager: EntityManager,
    rows: ReadonlyArray<{ merchantId: string; valueTier: string; behaviourTier: string; asOf: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO membership_value_tiers AS t (merchant_id, value_tier, behaviour_tier, as_of)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
       ON CONFLICT (merchant_id) DO UPDATE SET value_tier = EXCLUDED.value_tier,
         behaviour_tier = EXCLUDED.behaviour_tier, as_of = EXCLUDED.as_of
       WHERE t.as_of < EXCLUDED.as_of`,
      [
        rows.map((r) => r.merchantId),
        rows.map((r) => r.valueTier),
        rows.map((r) => r.behaviourTier),
        rows.map((r) => r.asOf),
      ],
    );
  }

  /**
   * Up to `limit` merchants after `after` (id order) with their trailing 90-day net volume up to
   * `asOfDate`, tenure (days since the first approved day) and value tier, rows locked.
   */
  async candidates(
    manager: EntityManager,
    asOfDate: string,
    after: string,
    limit: number,
  ): Promise<MembershipCandidate[]> {
    const rows: Row[] = await manager.query(
      `WITH ids AS (
         SELECT merchant_id FROM (SELECT merchant_id FROM loyalty_day_snapshots UNION SELECT merchant_id FROM memberships) u
          WHERE merchant_id > $2 ORDER BY merchant_id LIMIT $3)
       SELECT ids.merchant_id, m.tier,
              coalesce((SELECT sum(card_net_minor + qr_net_minor) FROM loyalty_day_snapshots s
                 WHERE s.merchant_id = ids.merchant_id AND s.activity_date > $1::date - 90 AND s.activity_date <= $1::date), 0) AS volume,
              coalesce($1::date - (SELECT min(activity_date) FROM loyalty_day_snapshots s
                 WHERE s.merchant_id = ids.merchant_id AND s.approved_count > 0 AND s.activity_date <= $1::date), 0) AS tenure,
              v.value_tier
         FROM ids LEFT JOIN memberships m USING (merchant_id) LEFT JOIN membership_value_tiers v USING (merchant_id)
        ORDER BY ids.merchant_id`,
      [asOfDate, after, limit],
    );
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      current: (r.tier as MembershipTier | null) ?? null,
      trailingVolumeMinor: Math.max(0, toSafeInteger(r.volume)),
      tenureDays: Math.max(0, toSafeInteger(r.tenure)),
      valueTier: (r.value_tier as string | null) ?? null,
    }));
  }

  async save(
    manager: EntityManager,
    m: Membership,
    changedFrom: MembershipTier | null | undefined,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO memberships (merchant_id, tier, since, assessed_on, trailing_volume_minor, tenure_days, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (merchant_id) DO UPDATE SET tier = EXCLUDED.tier, since = EXCLUDED.since,
         assessed_on = EXCLUDED.assessed_on, trailing_volume_minor = EXCLUDED.trailing_volume_minor,
         tenure_days = EXCLUDED.tenure_days, reason = EXCLUDED.reason`,
      [m.merchantId, m.tier, m.since, m.assessedOn, m.trailingVolumeMinor, m.tenureDays, m.reason],
    );
    if (changedFrom !== undefined)
      await manager.query(
        `INSERT INTO membership_changes (merchant_id, from_tier, to_tier, reason, changed_at) VALUES ($1, $2, $3, $4, $5)`,
        [m.merchantId, changedFrom, m.tier, m.reason, at],
      );
  }

  async sinceOf(manager: EntityManager, merchantId: string): Promise<string | null> {
    const rows: Row[] = await manager.query(`SELECT since FROM memberships WHERE merchant_id = $1`, [
      merchantId,
    ]);
    return rows[0] ? new Date(rows[0].since as string).toISOString() : null;
  }

  async find(merchantId: string): Promise<(Membership & { history: object[] }) | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT merchant_id, tier, since, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, trailing_volume_minor,
              tenure_days, reason FROM memberships WHERE merchant_id = $1`,
      [merchantId],
    );
    if (!rows[0]) return null;
    const r = rows[0];
    const history: Row[] = await this.dataSource.query(
      `SELECT from_tier AS "from", to_tier AS "to", reason, changed_at AS "changedAt" FROM membership_changes
        WHERE merchant_id = $1 ORDER BY changed_at DESC, id DESC LIMIT 50`,
      [merchantId],
    );
    return {
      merchantId: String(r.merchant_id),
      tier: r.tier as MembershipTier,
      since: new Date(r.since as string).toISOString(),
      assessedOn: String(r.assessed_on),
      trailingVolumeMinor: toSafeInteger(r.trailing_volume_minor),
      tenureDays: Number(r.tenure_days),
      reason: String(r.reason),
      history,
    };
  }

  async countsByTier(): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT tier, count(*) AS n FROM memberships GROUP BY tier`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.tier), toSafeInteger(r.n)]));
  }
}
