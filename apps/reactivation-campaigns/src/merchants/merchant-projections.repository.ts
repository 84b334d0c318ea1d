import { Injectable } from '@nestjs/common';
import type { EventOf } from '@merchant-pulse/contracts';
import type { FeeCompensation, PerChannelFeeTerms } from '@merchant-pulse/fees';
import { EntityManager } from 'typeorm';

/** One MerchantDailyActivity snapshot as this service keeps it (fen). */
export interface ActivitySnapshot {
  merchantId: string;
  date: string;
  asOf: string;
  approvedCount: number;
  approvedAmountMinor: number;
  feeMinor: number;
  hourlyCounts: number[];
  /** Approved amount per payment channel, fen. */
  channelAmounts: Record<string, number>;
  /** Approved purchases per payment channel. */
  channelCounts: Record<string, number>;
  /** First approved purchase of the day (UTC), when any; not stored (conversions read it in passing). */
  firstApprovedAt?: string;
}

/** Profile fields of a lifecycle profile event (MerchantRegistered / MerchantUpdated). */
export interface ProfileFacts {
  merchantId: string;
  kind?: string;
  legalEntityId?: string;
  displayName: string;
  timezone: string;
  region?: string;
  city?: string;
  category?: string;
  mcc: string;
  at: string;
}

/**
 * Writes of the merchant projections. Every write is a natural upsert guarded by the fact's own
 * timestamp, so replays and reordering leave the newest fact in place.
 */
@Injectable()
export class MerchantProjectionsRepository {
  async recordProfile(m: EntityManager, p: ProfileFacts): Promise<void> {
    await m.query(
      `INSERT INTO merchant_profiles AS t (merchant_id, kind, legal_entity_id, display_name, timezone, region, city,
         category, mcc, profile_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (merchant_id) DO UPDATE SET kind = coalesce(EXCLUDED.kind, t.kind),
         legal_entity_id = coalesce(EXCLUDED.legal_entity_id, t.legal_entity_id), display_name = EXCLUDED.display_name,
         timezone = EXCLUDED.timezone, region = coalesce(EXCLUDED.region, t.region), city = EXCLUDED.city,
         category = coalesce(EXCLUDED.category, t.category), mcc = EXCLUDED.mcc, profile_at = EXCLUDED.profile_at
       WHERE t.profile_at IS NULL OR t.profile_at <= EXCLUDED.profile_at`,
      [
        p.merchantId,
        p.kind ?? null,
        p.legalEntityId ?? null,
        p.displayName,
        p.timezone,
        p.region ?? null,
        p.city ?? null,
        p.category ?? null,
        p.mcc,
        p.at,
      ],
    );
  }

  async recordStatus(m: EntityManager, merchantId: string, status: string, at: string): Promise<void> {
    await m.query(
      `INSERT INTO merchant_profiles AS t (merchant_id, status, status_at) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
       WHERE t.status_at IS NULL OR t.status_at <= EXCLUDED.status_at`,
      [merchantId, status, at],
    );
  }

  async recordRisk(m: EntityManager, e: EventOf<'MerchantRiskChanged'>): Promise<void> {
    const p = e.payload;
    await m.query(
      `INSERT INTO merchant_profiles AS t (merchant_id, behaviour_tier, value_tier, risk_band, risk_score, reason_codes, risk_as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (merchant_id) DO UPDATE SET behaviour_tier = EXCLUDED.behaviour_tier, value_tier = EXCLUDED.value_tier,
         risk_band = EXCLUDED.risk_band, risk_score = EXCLUDED.risk_score, reason_codes = EXCLUDED.reason_codes,
         risk_as_of = EXCLUDED.risk_as_of
       WHERE t.risk_as_of IS NULL OR t.risk_as_of <= EXCLUDED.risk_as_of`,
      [
        e.merchantId,
        p.behaviourTier,
        p.valueTier,
        p.scoreBand,
        p.score,
        p.reasons.map((r) => r.code),
        p.asOf,
      ],
    );
  }

  async recordFeePlan(m: EntityManager, e: EventOf<'FeePlanChanged'>): Promise<void> {
    const p = e.payload;
    await m.query(
      `INSERT INTO merchant_fee_plans (merchant_id, plan_version, fee_plan_id, effective_from, terms, compensation)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (merchant_id, plan_version) DO UPDATE SET fee_plan_id = EXCLUDED.fee_plan_id,
         effective_from = EXCLUDED.effective_from, terms = EXCLUDED.terms, compensation = EXCLUDED.compensation`,
      [
        e.merchantId,
        p.planVersion,
        p.feePlanId,
        p.effectiveFrom,
        JSON.stringify(p.terms),
        p.compensation ? JSON.stringify(p.compensation) : null,
      ],
    );
  }

  /**
   * Upserts activity snapshots; a snapshot replaces the stored one only when its `asOf` is later.
   * Returns the snapshots that changed what is stored (a replay changes nothing).
   */
  async upsertActivity(m: EntityManager, s: readonly ActivitySnapshot[]): Promise<ActivitySnapshot[]> {
    if (s.length === 0) return [];
    // Activity alone makes a merchant known (audiences select from merchant_profiles).
    await m.query(
      `INSERT INTO merchant_profiles (merchant_id) SELECT DISTINCT m FROM unnest($1::text[]) AS m ORDER BY m ON CONFLICT DO NOTHING`,
      [s.map((x) => x.merchantId)],
    );
    const rows: Array<{ merchant_id: string; date: string }> = await m.query(
      `INSERT INTO merchant_daily_activity AS t (merchant_id, activity_date, as_of, approved_count, approved_amount_minor,
         fee_minor, hourly_counts, channel_amounts, channel_counts)
       SELECT x.merchant_id, x.d, x.as_of, x.approved_count, x.amount, x.fee,
              ARRAY(SELECT jsonb_array_elements_text(x.hours)::int), x.channels, x.counts
       FROM unnest($1::text[], $2::date[], $3::timestamptz[], $4::int[], $5::bigint[], $6::bigint[], $7::jsonb[], $8::jsonb[],
         $9::jsonb[]) AS x(merchant_id, d, as_of, approved_count, amount, fee, hours, channels, counts)
       ON CONFLICT (merchant_id, activity_date) DO UPDATE SET as_of = EXCLUDED.as_of,
         approved_count = EXCLUDED.approved_count, approved_amount_minor = EXCLUDED.approved_amount_minor,
         fee_minor = EXCLUDED.fee_minor, hourly_counts = EXCLUDED.hourly_counts, channel_amounts = EXCLUDED.channel_amounts,
         channel_counts = EXCLUDED.channel_counts
       WHERE t.as_of < EXCLUDED.as_of
       RETURNING merchant_id, to_char(activity_date, 'YYYY-MM-DD') AS date`,
      [
        s.map((x) => x.merchantId),
        s.map((x) => x.date),
        s.map((x) => x.asOf),
        s.map((x) => x.approvedCount),
        s.map((x) => x.approvedAmountMinor),
        s.map((x) => x.feeMinor),
        s.map((x) => JSON.stringify(x.hourlyCounts)),
        s.map((x) => JSON.stringify(x.channelAmounts)),
        s.map((x) => JSON.stringify(x.channelCounts)),
      ],
    );
    const changed = new Set(rows.map((r) => `${r.merchant_id}|${r.date}`));
    return s.filter((x) => changed.has(`${x.merchantId}|${x.date}`));
  }

  /** Approved purchases and amount per channel over the `days` local days up to `localToday` (inclusive). */
  async channelTotals(
    m: Pick<EntityManager, 'query'>,
    merchantId: string,
    localToday: string,
    days: number,
  ): Promise<Record<string, { count: number; amountMinor: number }>> {
    const rows: Array<{ channel: string; count: string; amount: string }> = await m.query(
      `SELECT c.key AS channel, sum(c.value::bigint) AS count, sum((a.channel_amounts ->> c.key)::bigint) AS amount
       FROM merchant_daily_activity a, jsonb_each_text(a.channel_counts) c
       WHERE a.merchant_id = $1 AND a.activity_date > $2::date - $3::int AND a.activity_date <= $2::date
       GROUP BY c.key`,
      [merchantId, localToday, days],
    );
    return Object.fromEntries(
      rows.map((r) => [r.channel, { count: Number(r.count), amountMinor: Number(r.amount) }]),
    );
  }

  /** The merchant's fee-plan versions as projected from FeePlanChanged. */
  async feePlanVersions(
    m: Pick<EntityManager, 'query'>,
    merchantId: string,
  ): Promise<
    Array<{
      planVersion: number;
      effectiveFrom: string;
      terms: PerChannelFeeTerms;
      compensation: FeeCompensation | null;
    }>
  > {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT plan_version, to_char(effective_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS effective_from,
         terms, compensation FROM merchant_fee_plans WHERE merchant_id = $1 ORDER BY plan_version`,
      [merchantId],
    );
    return rows.map((r) => ({
      planVersion: Number(r.plan_version),
      effectiveFrom: String(r.effective_from),
      terms: r.terms as PerChannelFeeTerms,
      compensation: (r.compensation as FeeCompensation | null) ?? null,
    }));
  }

  async recordTerminalHealth(
    m: EntityManager,
    h: {
      terminalId: string;
      kind: string;
      merchantId: string;
      degraded: boolean;
      since: string;
      observedAt: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO merchant_terminal_health AS t (terminal_id, kind, merchant_id, degraded, since, observed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (terminal_id, kind) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, degraded = EXCLUDED.degraded,
         since = EXCLUDED.since, observed_at = EXCLUDED.observed_at
       WHERE t.observed_at <= EXCLUDED.observed_at`,
      [h.terminalId, h.kind, h.merchantId, h.degraded, h.since, h.observedAt],
    );
  }

  async openTicket(
    m: EntityManager,
    t: { ticketId: string; merchantId: string; category: string; openedAt: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO merchant_tickets (ticket_id, merchant_id, category, status, opened_at, status_changed_at)
       VALUES ($1, $2, $3, 'open', $4, $4)
       ON CONFLICT (ticket_id) DO UPDATE SET category = EXCLUDED.category, opened_at = EXCLUDED.opened_at`,
      [t.ticketId, t.merchantId, t.category, t.openedAt],
    );
  }

  async changeTicketStatus(
    m: EntityManager,
    t: { ticketId: string; merchantId: string; status: string; at: string },
  ): Promise<void> {
    // A status change seen before its TicketOpened still records the ticket (category unknown until then).
    await m.query(
      `INSERT INTO merchant_tickets AS t (ticket_id, merchant_id, category, status, opened_at, status_changed_at)
       VALUES ($1, $2, 'other', $3, $4, $4)
       ON CONFLICT (ticket_id) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at
       WHERE t.status_changed_at <= EXCLUDED.status_changed_at`,
      [t.ticketId, t.merchantId, t.status, t.at],
    );
  }
}
