import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { audienceQuery } from './audience.query';
import type { AudienceFilter, Campaign, CampaignKind, CampaignStatus } from './campaign';

type Db = Pick<EntityManager, 'query'>;
type Row = Record<string, unknown>;

const SELECT = `SELECT id, name, kind, status, audience, steps, holdout_share::float8 AS holdout_share, attribution_days,
  conversion_min_approved, reentry_cooldown_days,
  to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS starts_at,
  to_char(launched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS launched_at,
  to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS completed_at,
  created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
  FROM campaigns`;

/** One audit entry: who did what to a campaign, when. */
export interface CampaignAuditEntry {
  actor: string;
  action: string;
  fromStatus: CampaignStatus | null;
  toStatus: CampaignStatus | null;
  changes: Record<string, unknown>;
  at: string;
}

/** Campaigns, their audit trail and their audiences. */
@Injectable()
export class CampaignRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: Db, c: Campaign): Promise<void> {
    await m.query(
      `INSERT INTO campaigns (id, name, kind, status, audience, steps, holdout_share, attribution_days, conversion_min_approved,
         reentry_cooldown_days, starts_at, launched_at, completed_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        c.id,
        c.name,
        c.kind,
        c.status,
        JSON.stringify(c.audience),
        JSON.stringify(c.steps),
        c.holdoutShare,
        c.attributionDays,
        c.conversionMinApproved,
        c.reentryCooldownDays,
        c.startsAt,
        c.launchedAt,
        c.completedAt,
        c.createdBy,
        c.createdAt,
        c.updatedAt,
      ],
    );
  }

  /** Saves every mutable field of a campaign. */
  async update(m: Db, c: Campaign): Promise<void> {
    await m.query(
      `UPDATE campaigns SET name = $2, status = $3, audience = $4, steps = $5, holdout_share = $6, attribution_days = $7,
         conversion_min_approved = $8, reentry_cooldown_days = $9, starts_at = $10, launched_at = $11, completed_at = $12,
         updated_at = $13 WHERE id = $1`,
      [
        c.id,
        c.name,
        c.status,
        JSON.stringify(c.audience),
        JSON.stringify(c.steps),
        c.holdoutShare,
        c.attributionDays,
        c.conversionMinApproved,
        c.reentryCooldownDays,
        c.startsAt,
        c.launchedAt,
        c.completedAt,
        c.updatedAt,
      ],
    );
  }

  async findById(id: string, m: Db = this.dataSource): Promise<Campaign | null> {
    const [row]: Row[] = await m.query(`${SELECT} WHERE id = $1`, [id]);
    return row ? toCampaign(row) : null;
  }

  /** The campaign, locked for the caller's transaction (lifecycle moves serialise on it). */
  async lockById(m: Db, id: string): Promise<Campaign | null> {
    const [row]: Row[] = await m.query(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toCampaign(row) : null;
  }

  async list(filter: { status?: CampaignStatus; kind?: CampaignKind }, limit: number): Promise<Campaign[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
      [filter.status ?? null, filter.kind ?? null, limit],
    );
    return rows.map(toCampaign);
  }

  /** Running campaigns of a kind (enrolment triggers). */
  async running(m: Db, kind: CampaignKind): Promise<Campaign[]> {
    const rows: Row[] = await m.query(`${SELECT} WHERE status = 'running' AND kind = $1 ORDER BY id`, [kind]);
    return rows.map(toCampaign);
  }

  /** Scheduled campaigns whose start time has come. */
  async dueToStart(now: Date): Promise<string[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id FROM campaigns WHERE status = 'scheduled' AND starts_at <= $1 ORDER BY starts_at`,
      [now.toISOString()],
    );
    return rows.map((r) => String(r.id));
  }

  async appendAudit(m: Db, campaignId: string, e: CampaignAuditEntry): Promise<void> {
    await m.query(
      `INSERT INTO campaign_audit (campaign_id, actor, action, from_status, to_status, changes, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [campaignId, e.actor, e.action, e.fromStatus, e.toStatus, JSON.stringify(e.changes), e.at],
    );
  }

  async auditOf(campaignId: string): Promise<CampaignAuditEntry[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT actor, action, from_status, to_status, changes, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM campaign_audit WHERE campaign_id = $1 ORDER BY id`,
      [campaignId],
    );
    return rows.map((r) => ({
      actor: String(r.actor),
      action: String(r.action),
      fromStatus: (r.from_status as CampaignStatus | null) ?? null,
      toStatus: (r.to_status as CampaignStatus | null) ?? null,
      changes: (r.changes as Record<string, unknown>) ?? {},
      at: String(r.at),
    }));
  }

  /** Merchants the filter selects as of `now` (ids with days inactive), optionally only among some ids. */
  async audience(
    filter: AudienceFilter,
    now: Date,
    options: { onlyMerchantIds?: readonly string[]; orderBy?: 'merchant_id' | 'risk'; limit?: number } = {},
    m: Db = this.dataSource,
  ): Promise<Array<{ merchantId: string; daysInactive: number | null }>> {
    const q = audienceQuery(filter, now, options);
    const rows: Row[] = await m.query(q.sql, q.params);
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      daysInactive: r.days_inactive === null ? null : Number(r.days_inactive),
    }));
  }

  /** How many merchants the filter selects. */
  async audienceCount(filter: AudienceFilter, now: Date): Promise<number> {
    const q = audienceQuery(filter, now);
    const [row]: Row[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${q.sql}) a`, q.params);
    return Number(row.n);
  }
}

function toCampaign(r: Row): Campaign {
  return {
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as CampaignKind,
    status: r.status as CampaignStatus,
    audience: r.audience as AudienceFilter,
    steps: r.steps as Campaign['steps'],
    holdoutShare: Number(r.holdout_share),
    attributionDays: Number(r.attribution_days),
    conversionMinApproved: Number(r.conversion_min_approved),
    reentryCooldownDays: Number(r.reentry_cooldown_days),
    startsAt: (r.starts_at as string | null) ?? null,
    launchedAt: (r.launched_at as string | null) ?? null,
    completedAt: (r.completed_at as string | null) ?? null,
    createdBy: String(r.created_by),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}
