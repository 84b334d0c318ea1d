import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SlaMerchantFacts } from '../sla/sla-tracker';

/** One merchant-day of this service's merchant.activity.v1 projection. */
export interface ActivityDay {
  date: string;
  approvedCount: number;
  declinedCount: number;
  cardReadFailureCount: number;
  approvedAmountMinor: number;
  activeTerminalCount: number;
  lastApprovedAt: Date | null;
}

/**
 * This service's projections of churn.risk.v1 (tiers, band), merchant.loyalty.v1 (membership SLA tier)
 * and merchant.activity.v1 (daily totals).
 */
@Injectable()
export class MerchantFactsRepository {
  /** Keeps the newest risk per merchant (an older `asOf` changes nothing). */
  async upsertRisk(
    manager: EntityManager,
    r: {
      merchantId: string;
      valueTier: string;
      behaviourTier: string;
      scoreBand: string;
      score: number;
      asOf: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_risk (merchant_id, value_tier, behaviour_tier, score_band, score, as_of)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (merchant_id) DO UPDATE SET value_tier = EXCLUDED.value_tier, behaviour_tier = EXCLUDED.behaviour_tier,
         score_band = EXCLUDED.score_band, score = EXCLUDED.score, as_of = EXCLUDED.as_of
       WHERE merchant_risk.as_of <= EXCLUDED.as_of`,
      [r.merchantId, r.valueTier, r.behaviourTier, r.scoreBand, r.score, r.asOf],
    );
  }

  /**
   * Keeps the latest membership per merchant (an older `changedAt` changes nothing) and returns the SLA
   * tier it replaced (null for a first membership); undefined when the change was older than the stored one.
   */
  async upsertMembership(
    manager: EntityManager,
    m: { merchantId: string; tier: string; slaTier: string; changedAt: Date; reason: string },
  ): Promise<{ previousSlaTier: string | null } | undefined> {
    const rows: Array<{ previous: string | null }> = await manager.query(
      `WITH before AS (SELECT sla_tier FROM merchant_membership WHERE merchant_id = $1 FOR UPDATE)
       INSERT INTO merchant_membership (merchant_id, tier, sla_tier, changed_at, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id) DO UPDATE SET tier = EXCLUDED.tier, sla_tier = EXCLUDED.sla_tier,
         changed_at = EXCLUDED.changed_at, reason = EXCLUDED.reason
       WHERE merchant_membership.changed_at <= EXCLUDED.changed_at
       RETURNING (SELECT sla_tier FROM before) AS previous`,
      [m.merchantId, m.tier, m.slaTier, m.changedAt, m.reason],
    );
    return rows[0] ? { previousSlaTier: rows[0].previous } : undefined;
  }

  /** The facts the SLA rules use; null where churn-scoring or the membership programme has said nothing yet. */
  async factsOf(manager: EntityManager, merchantId: string): Promise<SlaMerchantFacts> {
    const rows: Array<SlaMerchantFacts> = await manager.query(
      `SELECT r.value_tier AS "valueTier", r.behaviour_tier AS "behaviourTier", r.score_band AS "riskBand",
              m.sla_tier AS "slaTier"
       FROM (SELECT $1::text AS merchant_id) k
       LEFT JOIN merchant_risk r USING (merchant_id) LEFT JOIN merchant_membership m USING (merchant_id)`,
      [merchantId],
    );
    return rows[0];
  }

  /** Keeps the latest snapshot per (merchant, date) — replays and reordering are harmless. */
  async upsertActivity(
    manager: EntityManager,
    merchantId: string,
    day: ActivityDay & { firstApprovedAt: Date | null; asOf: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_activity_projection (merchant_id, activity_date, approved_count, declined_count,
         card_read_failure_count, approved_amount_minor, active_terminal_count, first_approved_at, last_approved_at, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (merchant_id, activity_date) DO UPDATE SET approved_count = EXCLUDED.approved_count,
         declined_count = EXCLUDED.declined_count, card_read_failure_count = EXCLUDED.card_read_failure_count,
         approved_amount_minor = EXCLUDED.approved_amount_minor, active_terminal_count = EXCLUDED.active_terminal_count,
         first_approved_at = EXCLUDED.first_approved_at, last_approved_at = EXCLUDED.last_approved_at, as_of = EXCLUDED.as_of
       WHERE merchant_activity_projection.as_of <= EXCLUDED.as_of`,
      [
        merchantId,
        day.date,
        day.approvedCount,
        day.declinedCount,
        day.cardReadFailureCount,
        day.approvedAmountMinor,
        day.activeTerminalCount,
        day.firstApprovedAt,
        day.lastApprovedAt,
        day.asOf,
      ],
    );
  }

  /** The merchant's most recent days (newest first). */
  async recentActivity(manager: EntityManager, merchantId: string, days: number): Promise<ActivityDay[]> {
    const rows: Array<ActivityDay & { approvedAmountMinor: string }> = await manager.query(
      `SELECT to_char(activity_date, 'YYYY-MM-DD') AS date, approved_count AS "approvedCount",
              declined_count AS "declinedCount", card_read_failure_count AS "cardReadFailureCount",
              approved_amount_minor AS "approvedAmountMinor", active_terminal_count AS "activeTerminalCount",
              last_approved_at AS "lastApprovedAt"
       FROM merchant_activity_projection WHERE merchant_id = $1 ORDER BY activity_date DESC LIMIT $2`,
      [merchantId, days],
    );
    return rows.map((r) => ({ ...r, approvedAmountMinor: Number(r.approvedAmountMinor) }));
  }
}
