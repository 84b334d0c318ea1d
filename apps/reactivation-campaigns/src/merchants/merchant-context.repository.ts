import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DEFAULT_TIMEZONE, TerminalHealthKind, TicketCategory } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { MerchantContext, MerchantContextReader } from './merchant-context';

type Row = Record<string, unknown>;

/** Days of the trailing windows: hour histogram and channel mix over 28 days, fees and volume over 30. */
export const MIX_WINDOW_DAYS = 28;
export const REVENUE_WINDOW_DAYS = 30;

/**
 * Profile, risk and trailing activity aggregates. Windows end on the merchant's local "today" (by the
 * clock, in the merchant's own timezone) and include it: `activity_date > today − N`.
 */
const CONTEXT_SQL = `
  WITH ids AS (SELECT unnest($1::text[]) AS merchant_id),
  known AS (
    SELECT ids.merchant_id, p.status, p.kind, p.legal_entity_id, p.display_name, p.timezone, p.region, p.city,
      p.category, p.behaviour_tier, p.value_tier, p.risk_band, p.risk_score, p.reason_codes,
      (($2::timestamptz) AT TIME ZONE coalesce(p.timezone, '${DEFAULT_TIMEZONE}'))::date AS today
    FROM ids
    LEFT JOIN merchant_profiles p USING (merchant_id)
    WHERE p.merchant_id IS NOT NULL
       OR EXISTS (SELECT 1 FROM merchant_daily_activity a WHERE a.merchant_id = ids.merchant_id)
  )
  SELECT k.merchant_id, k.status, k.kind, k.legal_entity_id, k.display_name, k.timezone, k.region, k.city, k.category,
    k.behaviour_tier, k.value_tier, k.risk_band, k.risk_score, k.reason_codes,
    (SELECT to_char(max(a.activity_date), 'YYYY-MM-DD') FROM merchant_daily_activity a
      WHERE a.merchant_id = k.merchant_id AND a.approved_count > 0 AND a.activity_date <= k.today) AS last_approved,
    (SELECT coalesce(sum(a.fee_minor), 0) FROM merchant_daily_activity a
      WHERE a.merchant_id = k.merchant_id AND a.activity_date > k.today - ${REVENUE_WINDOW_DAYS} AND a.activity_date <= k.today) AS fee_30,
    (SELECT coalesce(sum(a.approved_amount_minor), 0) FROM merchant_daily_activity a
      WHERE a.merchant_id = k.merchant_id AND a.activity_date > k.today - ${REVENUE_WINDOW_DAYS} AND a.activity_date <= k.today) AS volume_30,
    (SELECT array_agg(coalesce(h.n, 0) ORDER BY g.hour) FROM generate_series(1, 24) AS g(hour)
      LEFT JOIN (SELECT u.hour, sum(u.n) AS n FROM merchant_daily_activity a,
                   unnest(a.hourly_counts) WITH ORDINALITY AS u(n, hour)
                 WHERE a.merchant_id = k.merchant_id AND a.activity_date > k.today - ${MIX_WINDOW_DAYS} AND a.activity_date <= k.today
                 GROUP BY u.hour) h ON h.hour = g.hour) AS hours,
    (SELECT jsonb_object_agg(c.key, c.amount) FROM (
       SELECT e.key, sum(e.value::bigint) AS amount FROM merchant_daily_activity a, jsonb_each_text(a.channel_amounts) e
       WHERE a.merchant_id = k.merchant_id AND a.activity_date > k.today - ${MIX_WINDOW_DAYS} AND a.activity_date <= k.today
       GROUP BY e.key) c) AS channel_amounts
  FROM known k`;

/**
 * {@link MerchantContextReader} over this service's projections; also reads many merchants at once for
 * audiences and enrolment.
 */
@Injectable()
export class MerchantContextRepository extends MerchantContextReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async read(merchantId: string): Promise<MerchantContext | null> {
    return (await this.readMany([merchantId])).get(merchantId) ?? null;
  }

  /** Contexts of the given merchants (unknown merchants are absent), as of the clock's now. */
  async readMany(
    merchantIds: readonly string[],
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<Map<string, MerchantContext>> {
    const out = new Map<string, MerchantContext>();
    if (merchantIds.length === 0) return out;
    const now = this.clock.now().toISOString();
    const rows: Row[] = await db.query(CONTEXT_SQL, [merchantIds, now]);
    for (const r of rows) out.set(String(r.merchant_id), toContext(r));
    const tickets: Row[] = await db.query(
      `SELECT merchant_id, ticket_id, category, to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS opened_at
       FROM merchant_tickets WHERE merchant_id = ANY($1::text[]) AND status NOT IN ('resolved', 'closed') ORDER BY opened_at`,
      [merchantIds],
    );
    for (const t of tickets)
      out.get(String(t.merchant_id))?.openTickets.push({
        ticketId: String(t.ticket_id),
        category: t.category as TicketCategory,
        openedAt: String(t.opened_at),
      });
    const terminals: Row[] = await db.query(
      `SELECT merchant_id, terminal_id, kind, to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS since
       FROM merchant_terminal_health WHERE merchant_id = ANY($1::text[]) AND degraded ORDER BY since`,
      [merchantIds],
    );
    for (const t of terminals)
      out.get(String(t.merchant_id))?.degradedTerminals.push({
        terminalId: String(t.terminal_id),
        kind: t.kind as TerminalHealthKind,
        since: String(t.since),
      });
    return out;
  }
}

function toContext(r: Row): MerchantContext {
  const merchantId = String(r.merchant_id);
  const amounts = (r.channel_amounts as Record<string, string | number> | null) ?? {};
  const total = Object.values(amounts).reduce<number>((s, v) => s + Number(v), 0);
  const channelMix: Record<string, number> = {};
  if (total > 0) for (const [channel, v] of Object.entries(amounts)) channelMix[channel] = Number(v) / total;
  return {
    merchantId,
    status: (r.status as string | null) ?? 'unknown',
    kind: (r.kind as MerchantContext['kind']) ?? null,
    // Without a legal entity from the registry, a merchant is its own legal entity.
    legalEntityId: (r.legal_entity_id as string | null) ?? merchantId,
    displayName: (r.display_name as string | null) ?? null,
    timezone: (r.timezone as string | null) ?? DEFAULT_TIMEZONE,
    region: (r.region as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    behaviourTier: (r.behaviour_tier as string | null) ?? null,
    valueTier: (r.value_tier as string | null) ?? null,
    riskBand: (r.risk_band as string | null) ?? null,
    riskScore: r.risk_score === null || r.risk_score === undefined ? null : Number(r.risk_score),
    reasonCodes: (r.reason_codes as string[] | null) ?? [],
    lastApprovedDate: (r.last_approved as string | null) ?? null,
    hourHistogram: ((r.hours as Array<string | number> | null) ?? []).map(Number),
    channelMix,
    trailingFeeMinor: toSafeInteger(r.fee_30 as string),
    trailingVolumeMinor: toSafeInteger(r.volume_30 as string),
    openTickets: [],
    degradedTerminals: [],
  };
}
