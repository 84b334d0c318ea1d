import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { VisitKind } from './care-schedule.policy';

/** A merchant as the care scheduler sees it (instants as Date; the use case turns them into local dates). */
export interface CareCandidateRow {
  merchantId: string;
  status: string;
  timezone: string;
  valueTier: string | null;
  membershipTier: string | null;
  region: string | null;
  category: string | null;
  firstApprovedDate: string | null;
  lastApprovedDate: string | null;
  lastVisitAt: Date | null;
  hadNewMerchantVisit: boolean;
}

/** One return visit. `state` is derived: done (care outcome or phone outcome), else the send's state. */
export interface CareVisit {
  id: string;
  merchantId: string;
  kind: VisitKind;
  cycleKey: string;
  channel: string;
  sendId: string;
  dueAt: Date;
  outcome: string | null;
  needs: string[];
  complaintCategory: string | null;
  complaintSummary: string | null;
  trainingRequested: boolean;
  note: string | null;
  agent: string | null;
  createdAt: Date;
  completedAt: Date | null;
  state: string;
  phoneTaskId: string | null;
}

export type NewCareVisit = Pick<
  CareVisit,
  'id' | 'merchantId' | 'kind' | 'cycleKey' | 'channel' | 'sendId' | 'dueAt'
>;

/** One quarterly satisfaction survey. */
export interface CareSurvey {
  id: string;
  merchantId: string;
  quarter: string;
  sendId: string;
  membershipTier: string;
  region: string | null;
  category: string | null;
  createdAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  score: number | null;
  nps: number | null;
  comment: string | null;
  followUpVisitId: string | null;
}

/** Satisfaction of one group (tier, region or category). */
export interface SatisfactionRow {
  group: string;
  sent: number;
  answered: number;
  averageScore: number | null;
  /** % promoters (9–10) − % detractors (0–6) among NPS answers; null without any. */
  nps: number | null;
  lowScores: number;
}

export type SurveyGrouping = 'tier' | 'region' | 'category';
const GROUP_COLUMN: Record<SurveyGrouping, string> = {
  tier: 'membership_tier',
  region: 'region',
  category: 'category',
};

const VISIT_SELECT = `SELECT v.id, v.merchant_id AS "merchantId", v.kind, v.cycle_key AS "cycleKey", v.channel,
  v.send_id AS "sendId", v.due_at AS "dueAt", coalesce(v.outcome, t.outcome) AS outcome, v.needs,
  v.complaint_category AS "complaintCategory", v.complaint_summary AS "complaintSummary",
  v.training_requested AS "trainingRequested", coalesce(v.note, t.note) AS note, coalesce(v.agent, t.claimed_by) AS agent,
  v.created_at AS "createdAt", coalesce(v.completed_at, t.completed_at) AS "completedAt", t.id AS "phoneTaskId",
  CASE WHEN v.completed_at IS NOT NULL OR t.state = 'done' THEN 'done'
       WHEN t.state IS NOT NULL THEN 'call_' || t.state
       ELSE coalesce(s.state, 'planned') END AS state
  FROM care_visits v LEFT JOIN outreach_send s ON s.id = v.send_id LEFT JOIN phone_task t ON t.send_id = v.send_id`;

const SURVEY_SELECT = `SELECT id, merchant_id AS "merchantId", quarter, send_id AS "sendId",
  membership_tier AS "membershipTier", region, category, created_at AS "createdAt", expires_at AS "expiresAt",
  answered_at AS "answeredAt", score, nps, comment, follow_up_visit_id AS "followUpVisitId" FROM care_surveys`;

/** The care programme's rows (visits, surveys, training offers) and what it reads of the projections. */
@Injectable()
export class CareRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Active merchants after `afterId` (keyset pages), with first/last approved local day, value and
   * membership tier and their latest visit.
   */
  async candidates(afterId: string, limit: number): Promise<CareCandidateRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.merchant_id, p.status, coalesce(p.timezone, 'Asia/Shanghai') AS timezone, p.value_tier, p.region,
              p.category, m.tier AS membership_tier,
              (SELECT to_char(min(a.activity_date), 'YYYY-MM-DD') FROM merchant_daily_activity a
                WHERE a.merchant_id = p.merchant_id AND a.approved_count > 0) AS first_approved,
              (SELECT to_char(max(a.activity_date), 'YYYY-MM-DD') FROM merchant_daily_activity a
                WHERE a.merchant_id = p.merchant_id AND a.approved_count > 0) AS last_approved,
              (SELECT max(v.created_at) FROM care_visits v
                WHERE v.merchant_id = p.merchant_id AND v.kind <> 'survey_follow_up') AS last_visit_at,
              EXISTS (SELECT 1 FROM care_visits v WHERE v.merchant_id = p.merchant_id AND v.kind = 'new_merchant') AS had_new
         FROM merchant_profiles p LEFT JOIN memberships m ON m.merchant_id = p.merchant_id
        WHERE p.status = 'active' AND p.merchant_id > $1
        ORDER BY p.merchant_id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      status: String(r.status),
      timezone: String(r.timezone),
      valueTier: (r.value_tier as string | null) ?? null,
      membershipTier: (r.membership_tier as string | null) ?? null,
      region: (r.region as string | null) ?? null,
      category: (r.category as string | null) ?? null,
      firstApprovedDate: (r.first_approved as string | null) ?? null,
      lastApprovedDate: (r.last_approved as string | null) ?? null,
      lastVisitAt: (r.last_visit_at as Date | null) ?? null,
      hadNewMerchantVisit: Boolean(r.had_new),
    }));
  }

  /** Creates the visit once per (merchant, kind, cycle); false when it already exists. */
  async insertVisit(visit: NewCareVisit, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO care_visits (id, merchant_id, kind, cycle_key, channel, send_id, due_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [visit.id, visit.merchantId, visit.kind, visit.cycleKey, visit.channel, visit.sendId, visit.dueAt, now],
    );
    return rows.length > 0;
  }

  async findVisit(id: string): Promise<CareVisit | null> {
    const rows: CareVisit[] = await this.dataSource.query(`${VISIT_SELECT} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Visits, newest first, optionally of one merchant or kind (keyset on created_at, id). */
  async listVisits(filter: { merchantId?: string; kind?: string; limit: number }): Promise<CareVisit[]> {
    return this.dataSource.query(
      `${VISIT_SELECT} WHERE ($1::text IS NULL OR v.merchant_id = $1) AND ($2::text IS NULL OR v.kind = $2)
        ORDER BY v.created_at DESC, v.id DESC LIMIT $3`,
      [filter.merchantId ?? null, filter.kind ?? null, filter.limit],
    );
  }

  /**
   * The merchant's newest visit still under way (planned, queued, or its call open or claimed), or null.
   * Done, failed, skipped, expired and cancelled visits are not open.
   */
  async openVisitOf(merchantId: string): Promise<CareVisit | null> {
    const rows: CareVisit[] = await this.dataSource.query(
      `SELECT * FROM (${VISIT_SELECT} WHERE v.merchant_id = $1) visit
        WHERE state IN ('planned', 'scheduled', 'held', 'sending', 'unknown', 'call_open', 'call_claimed')
        ORDER BY "createdAt" DESC LIMIT 1`,
      [merchantId],
    );
    return rows[0] ?? null;
  }

  /** Whether the merchant is known (projected from merchant.lifecycle.v1). */
  async merchantKnown(merchantId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM merchant_profiles WHERE merchant_id = $1`,
      [merchantId],
    );
    return rows.length > 0;
  }

  /** Serialises work on one merchant's visits until the transaction ends (other replicas included). */
  async lockMerchantVisits(manager: EntityManager, merchantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('care-visit:' || $1))`, [merchantId]);
  }

  /** Visits whose outreach was never scheduled (the process died between the row and the job). */
  async unscheduledVisits(limit: number): Promise<CareVisit[]> {
    return this.dataSource.query(`${VISIT_SELECT} WHERE s.id IS NULL ORDER BY v.created_at LIMIT $1`, [
      limit,
    ]);
  }

  /** Records the care outcome once (compare-and-set on completed_at). */
  async completeVisit(
    manager: EntityManager,
    id: string,
    outcome: {
      outcome: string;
      needs: string[];
      complaintCategory: string | null;
      complaintSummary: string | null;
      trainingRequested: boolean;
      note: string | null;
      agent: string;
    },
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH changed AS (UPDATE care_visits SET outcome = $2, needs = $3, complaint_category = $4, complaint_summary = $5,
         training_requested = $6, note = $7, agent = $8, completed_at = $9
        WHERE id = $1 AND completed_at IS NULL RETURNING id) SELECT id FROM changed`,
      [
        id,
        outcome.outcome,
        outcome.needs,
        outcome.complaintCategory,
        outcome.complaintSummary,
        outcome.trainingRequested,
        outcome.note,
        outcome.agent,
        now,
      ],
    );
    return rows.length > 0;
  }

  /** Creates the survey once per (merchant, quarter); false when it already exists. */
  async insertSurvey(
    survey: Pick<
      CareSurvey,
      'id' | 'merchantId' | 'quarter' | 'sendId' | 'membershipTier' | 'region' | 'category' | 'expiresAt'
    >,
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO care_surveys (id, merchant_id, quarter, send_id, membership_tier, region, category, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
      [
        survey.id,
        survey.merchantId,
        survey.quarter,
        survey.sendId,
        survey.membershipTier,
        survey.region,
        survey.category,
        now,
        survey.expiresAt,
      ],
    );
    return rows.length > 0;
  }

  async findSurvey(id: string, manager: EntityManager = this.dataSource.manager): Promise<CareSurvey | null> {
    const rows: CareSurvey[] = await manager.query(`${SURVEY_SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A merchant's surveys, newest quarter first. */
  async surveysOf(merchantId: string): Promise<CareSurvey[]> {
    return this.dataSource.query(`${SURVEY_SELECT} WHERE merchant_id = $1 ORDER BY quarter DESC`, [
      merchantId,
    ]);
  }

  /** Surveys whose outreach was never scheduled. */
  async unscheduledSurveys(limit: number): Promise<CareSurvey[]> {
    return this.dataSource.query(
      `${SURVEY_SELECT} WHERE NOT EXISTS (SELECT 1 FROM outreach_send s WHERE s.id = care_surveys.send_id)
        ORDER BY created_at LIMIT $1`,
      [limit],
    );
  }

  /** Records the answer once: null when already answered (or unknown). */
  async answerSurvey(
    manager: EntityManager,
    id: string,
    answer: { score: number; nps: number | null; comment: string | null },
    now: Date,
  ): Promise<CareSurvey | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH changed AS (UPDATE care_surveys SET score = $2, nps = $3, comment = $4, answered_at = $5
        WHERE id = $1 AND answered_at IS NULL RETURNING id) SELECT id FROM changed`,
      [id, answer.score, answer.nps, answer.comment, now],
    );
    return rows.length > 0 ? this.findSurvey(id, manager) : null;
  }

  async setFollowUp(manager: EntityManager, surveyId: string, visitId: string): Promise<void> {
    await manager.query(`UPDATE care_surveys SET follow_up_visit_id = $2 WHERE id = $1`, [surveyId, visitId]);
  }

  /** Satisfaction per tier, region or category (optionally of one quarter). */
  async satisfaction(by: SurveyGrouping, quarter: string | null): Promise<SatisfactionRow[]> {
    const column = GROUP_COLUMN[by];
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT coalesce(${column}, 'unknown') AS grp, count(*)::int AS sent, count(answered_at)::int AS answered,
              round(avg(score)::numeric, 2)::float AS avg_score,
              count(nps)::int AS nps_answers,
              count(*) FILTER (WHERE nps >= 9)::int AS promoters, count(*) FILTER (WHERE nps <= 6)::int AS detractors,
              count(*) FILTER (WHERE score <= 2)::int AS low
         FROM care_surveys WHERE ($1::text IS NULL OR quarter = $1) GROUP BY 1 ORDER BY 1`,
      [quarter],
    );
    return rows.map((r) => ({
      group: String(r.grp),
      sent: Number(r.sent),
      answered: Number(r.answered),
      averageScore: r.avg_score === null ? null : Number(r.avg_score),
      nps:
        Number(r.nps_answers) === 0
          ? null
          : Math.round(((Number(r.promoters) - Number(r.detractors)) / Number(r.nps_answers)) * 1000) / 10,
      lowScores: Number(r.low),
    }));
  }

  /**
   * Active merchants that traded but have no survey this quarter, after `afterId` (keyset pages), with what
   * the survey snapshots for its report.
   */
  async surveyCandidates(
    quarter: string,
    afterId: string,
    limit: number,
  ): Promise<Array<Pick<CareCandidateRow, 'merchantId' | 'membershipTier' | 'region' | 'category'>>> {
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT p.merchant_id, m.tier, p.region, p.category FROM merchant_profiles p
         LEFT JOIN memberships m ON m.merchant_id = p.merchant_id
        WHERE p.status = 'active' AND p.merchant_id > $2
          AND EXISTS (SELECT 1 FROM merchant_daily_activity a WHERE a.merchant_id = p.merchant_id AND a.approved_count > 0)
          AND NOT EXISTS (SELECT 1 FROM care_surveys s WHERE s.merchant_id = p.merchant_id AND s.quarter = $1)
        ORDER BY p.merchant_id LIMIT $3`,
      [quarter, afterId, limit],
    );
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      membershipTier: r.tier ?? null,
      region: r.region ?? null,
      category: r.category ?? null,
    }));
  }

  /**
   * Approved transaction counts per payment channel over local days from `sinceDate`, of active merchants
   * without a training offer in `cycleKey` (keyset pages).
   */
  async channelUse(
    sinceDate: string,
    cycleKey: string,
    afterId: string,
    limit: number,
  ): Promise<Array<{ merchantId: string; channelCounts: Record<string, number> }>> {
    const rows: Array<{ merchant_id: string; counts: Record<string, number> | null }> =
      await this.dataSource.query(
        `SELECT p.merchant_id,
              (SELECT jsonb_object_agg(k, n) FROM (
                 SELECT e.key AS k, sum(e.value::bigint) AS n FROM merchant_daily_activity a, jsonb_each_text(a.channel_counts) e
                  WHERE a.merchant_id = p.merchant_id AND a.activity_date >= $1::date GROUP BY e.key) c) AS counts
         FROM merchant_profiles p
        WHERE p.status = 'active' AND p.merchant_id > $3
          AND NOT EXISTS (SELECT 1 FROM care_training_offers o WHERE o.merchant_id = p.merchant_id AND o.cycle_key = $2)
        ORDER BY p.merchant_id LIMIT $4`,
        [sinceDate, cycleKey, afterId, limit],
      );
    return rows.map((r) => ({
      merchantId: r.merchant_id,
      channelCounts: Object.fromEntries(Object.entries(r.counts ?? {}).map(([k, v]) => [k, Number(v)])),
    }));
  }

  /** Creates the training offer once per (merchant, cycle); false when it already exists. */
  async insertTrainingOffer(
    offer: { id: string; merchantId: string; cycleKey: string; reason: string; sendId: string },
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO care_training_offers (id, merchant_id, cycle_key, reason, send_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [offer.id, offer.merchantId, offer.cycleKey, offer.reason, offer.sendId, now],
    );
    return rows.length > 0;
  }

  /** Programme totals: visits planned/done per kind, surveys sent/answered and the average score. */
  async summary(): Promise<{
    visits: Array<{ kind: string; planned: number; done: number }>;
    surveys: { sent: number; answered: number; averageScore: number | null; followUps: number };
    trainingOffers: number;
  }> {
    const visits: Array<{ kind: string; planned: number; done: number }> = await this.dataSource.query(
      `SELECT v.kind, count(*)::int AS planned,
              count(*) FILTER (WHERE v.completed_at IS NOT NULL OR t.state = 'done'
                OR (t.id IS NULL AND s.state = 'delivered'))::int AS done
         FROM care_visits v LEFT JOIN outreach_send s ON s.id = v.send_id LEFT JOIN phone_task t ON t.send_id = v.send_id
        GROUP BY v.kind ORDER BY v.kind`,
    );
    const [surveys] = await this.dataSource.query(
      `SELECT count(*)::int AS sent, count(answered_at)::int AS answered,
              round(avg(score)::numeric, 2)::float AS avg, count(follow_up_visit_id)::int AS follow_ups FROM care_surveys`,
    );
    const [training] = await this.dataSource.query(`SELECT count(*)::int AS n FROM care_training_offers`);
    return {
      visits,
      surveys: {
        sent: surveys.sent,
        answered: surveys.answered,
        averageScore: surveys.avg === null ? null : Number(surveys.avg),
        followUps: surveys.follow_ups,
      },
      trainingOffers: training.n,
    };
  }
}
