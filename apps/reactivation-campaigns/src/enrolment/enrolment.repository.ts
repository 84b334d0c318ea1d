import { Injectable } from '@nestjs/common';
import type { CampaignArm } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;
type Row = Record<string, unknown>;

/** An enrolment to write. */
export interface NewEnrolment {
  id: string;
  campaignId: string;
  merchantId: string;
  legalEntityId: string;
  arm: CampaignArm;
  enrolledAt: string;
  timezone: string;
  trigger: string;
  behaviourTier: string | null;
  valueTier: string | null;
  daysInactive: number | null;
  variables: Record<string, string | number>;
}

/** An enrolment as stored, with what conversions and hand-off need. */
export interface Enrolment extends NewEnrolment {
  enrolledOn: string;
  exitedAt: string | null;
  exitReason: string | null;
  convertedOn: string | null;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SELECT = `SELECT id, campaign_id, merchant_id, legal_entity_id, arm, ${ISO('enrolled_at')} AS enrolled_at,
  to_char(enrolled_on, 'YYYY-MM-DD') AS enrolled_on, timezone, trigger, behaviour_tier, value_tier, days_inactive, variables,
  ${ISO('exited_at')} AS exited_at, exit_reason, to_char(converted_on, 'YYYY-MM-DD') AS converted_on
  FROM campaign_enrolments`;

/** Enrolments: who is in which campaign, in which arm, since when, until when, converted or not. */
@Injectable()
export class EnrolmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Of `merchantIds`, those that may enter the campaign now: not enrolled in it, and not exited from it
   * less than `cooldownDays` ago.
   */
  async eligible(
    m: Db,
    campaignId: string,
    merchantIds: readonly string[],
    now: Date,
    cooldownDays: number,
  ): Promise<Set<string>> {
    if (merchantIds.length === 0) return new Set();
    const rows: Row[] = await m.query(
      `SELECT id FROM unnest($2::text[]) AS x(id)
       WHERE NOT EXISTS (SELECT 1 FROM campaign_enrolments e WHERE e.campaign_id = $1 AND e.merchant_id = x.id
         AND (e.exited_at IS NULL OR e.exited_at > $3::timestamptz - make_interval(days => $4::int)))`,
      [campaignId, merchantIds, now.toISOString(), cooldownDays],
    );
    return new Set(rows.map((r) => String(r.id)));
  }

  /**
   * Writes enrolments (an open one for the same campaign and merchant wins: nothing is written), with
   * the enrolment's local date and the approved volume of the `baselineDays` before it (usage growth).
   * Returns the ids written.
   */
  async insertMany(m: Db, rows: readonly NewEnrolment[], baselineDays: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written: Row[] = await m.query(
      `INSERT INTO campaign_enrolments (id, campaign_id, merchant_id, legal_entity_id, arm, enrolled_at, enrolled_on, timezone,
         trigger, behaviour_tier, value_tier, days_inactive, variables, baseline_volume_minor)
       SELECT x.id, x.campaign_id, x.merchant_id, x.le, x.arm, x.at, (x.at AT TIME ZONE x.tz)::date, x.tz, x.trigger, x.bt, x.vt,
         x.days, x.vars,
         (SELECT coalesce(sum(a.approved_amount_minor), 0) FROM merchant_daily_activity a WHERE a.merchant_id = x.merchant_id
           AND a.activity_date >= (x.at AT TIME ZONE x.tz)::date - $13::int AND a.activity_date < (x.at AT TIME ZONE x.tz)::date)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::int[], $12::jsonb[]) AS x(id, campaign_id, merchant_id, le, arm, at, tz, trigger, bt, vt, days, vars)
       ON CONFLICT (campaign_id, merchant_id) WHERE exited_at IS NULL DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.campaignId),
        rows.map((r) => r.merchantId),
        rows.map((r) => r.legalEntityId),
        rows.map((r) => r.arm),
        rows.map((r) => r.enrolledAt),
        rows.map((r) => r.timezone),
        rows.map((r) => r.trigger),
        rows.map((r) => r.behaviourTier),
        rows.map((r) => r.valueTier),
        rows.map((r) => r.daysInactive),
        rows.map((r) => JSON.stringify(r.variables)),
        baselineDays,
      ],
    );
    return new Set(written.map((r) => String(r.id)));
  }

  /** Ends open enrolments (of a merchant, of a campaign, or one merchant in one campaign); returns those ended. */
  async exitOpen(
    m: Db,
    where: { campaignId?: string; merchantId?: string },
    reason: string,
    at: string,
  ): Promise<Array<{ campaignId: string; merchantId: string; arm: CampaignArm }>> {
    const rows = updatedRows(
      await m.query(
        `UPDATE campaign_enrolments SET exited_at = $3, exit_reason = $4
       WHERE exited_at IS NULL AND ($1::text IS NULL OR campaign_id = $1) AND ($2::text IS NULL OR merchant_id = $2)
       RETURNING campaign_id, merchant_id, arm`,
        [where.campaignId ?? null, where.merchantId ?? null, at, reason],
      ),
    );
    return rows.map((r) => ({
      campaignId: String(r.campaign_id),
      merchantId: String(r.merchant_id),
      arm: r.arm as CampaignArm,
    }));
  }

  /** Open treatment enrolments of a campaign (pause/resume). */
  async openTreatment(m: Db, campaignId: string): Promise<Array<{ merchantId: string }>> {
    const rows: Row[] = await m.query(
      `SELECT merchant_id FROM campaign_enrolments WHERE campaign_id = $1 AND exited_at IS NULL AND arm = 'treatment'`,
      [campaignId],
    );
    return rows.map((r) => ({ merchantId: String(r.merchant_id) }));
  }

  /** Hand the open treatment enrolments of a campaign to outreach again (after a pause). */
  async resetHandOff(m: Db, campaignId: string): Promise<void> {
    await m.query(
      `UPDATE campaign_enrolments SET handed_off_at = NULL WHERE campaign_id = $1 AND exited_at IS NULL AND arm = 'treatment'`,
      [campaignId],
    );
  }

  /** Open treatment enrolments of running campaigns not yet handed to outreach, oldest first. */
  async pendingHandOff(limit: number): Promise<Enrolment[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} e WHERE e.handed_off_at IS NULL AND e.arm = 'treatment' AND e.exited_at IS NULL
         AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = e.campaign_id AND c.status = 'running')
       ORDER BY e.enrolled_at, e.id LIMIT $1`,
      [limit],
    );
    return rows.map(toEnrolment);
  }

  async markHandedOff(ids: readonly string[], at: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_enrolments SET handed_off_at = $2 WHERE id = ANY($1::text[])`,
      [ids, at],
    );
  }

  /**
   * Enrolments of these merchants whose attribution window (the `windowDays` local days after the
   * enrolment day, per campaign) covers one of the given dates and that have not converted on an earlier
   * day. `dates` pairs merchant and local date.
   */
  async conversionCandidates(
    m: Db,
    days: ReadonlyArray<{ merchantId: string; date: string }>,
  ): Promise<
    Array<
      Enrolment & {
        date: string;
        campaignKind: string;
        conversionMinApproved: number;
        previousApprovedDate: string | null;
      }
    >
  > {
    if (days.length === 0) return [];
    const rows: Row[] = await m.query(
      `SELECT e.*, to_char(d.date, 'YYYY-MM-DD') AS date, c.kind AS campaign_kind, c.conversion_min_approved,
         (SELECT to_char(max(a.activity_date), 'YYYY-MM-DD') FROM merchant_daily_activity a
           WHERE a.merchant_id = e.merchant_id AND a.approved_count > 0 AND a.activity_date < d.date) AS previous_approved
       FROM unnest($1::text[], $2::date[]) AS d(merchant_id, date)
       JOIN (${SELECT}) e ON e.merchant_id = d.merchant_id
       JOIN campaigns c ON c.id = e.campaign_id
       WHERE d.date > e.enrolled_on::date AND d.date <= e.enrolled_on::date + c.attribution_days
         AND (e.converted_on IS NULL OR e.converted_on::date > d.date)`,
      [days.map((d) => d.merchantId), days.map((d) => d.date)],
    );
    return rows.map((r) => ({
      ...toEnrolment(r),
      date: String(r.date),
      campaignKind: String(r.campaign_kind),
      conversionMinApproved: Number(r.conversion_min_approved),
      previousApprovedDate: (r.previous_approved as string | null) ?? null,
    }));
  }

  /** Records the conversion day; true when the enrolment had not converted before (first conversion). */
  async setConverted(m: Db, enrolmentId: string, date: string, at: string): Promise<boolean> {
    const rows = updatedRows(
      await m.query(
        `WITH b AS (SELECT converted_on FROM campaign_enrolments WHERE id = $1)
       UPDATE campaign_enrolments SET converted_on = $2::date, converted_at = $3
       WHERE id = $1 AND (converted_on IS NULL OR converted_on > $2::date)
       RETURNING (SELECT converted_on IS NULL FROM b) AS first`,
        [enrolmentId, date, at],
      ),
    );
    return rows.length > 0 && rows[0].first === true;
  }

  /** Enrolments of a campaign (tests, demo). */
  async ofCampaign(campaignId: string): Promise<Enrolment[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE campaign_id = $1 ORDER BY enrolled_at, id`,
      [campaignId],
    );
    return rows.map(toEnrolment);
  }
}

/** TypeORM answers `UPDATE … RETURNING` with `[rows, affectedCount]`. */
function updatedRows(result: unknown): Row[] {
  const [rows] = result as [Row[], number];
  return rows;
}

function toEnrolment(r: Row): Enrolment {
  return {
    id: String(r.id),
    campaignId: String(r.campaign_id),
    merchantId: String(r.merchant_id),
    legalEntityId: String(r.legal_entity_id),
    arm: r.arm as CampaignArm,
    enrolledAt: String(r.enrolled_at),
    enrolledOn: String(r.enrolled_on),
    timezone: String(r.timezone),
    trigger: String(r.trigger),
    behaviourTier: (r.behaviour_tier as string | null) ?? null,
    valueTier: (r.value_tier as string | null) ?? null,
    daysInactive:
      r.days_inactive === null || r.days_inactive === undefined
        ? null
        : toSafeInteger(r.days_inactive as number),
    variables: (r.variables as Record<string, string | number>) ?? {},
    exitedAt: (r.exited_at as string | null) ?? null,
    exitReason: (r.exit_reason as string | null) ?? null,
    convertedOn: (r.converted_on as string | null) ?? null,
  };
}
