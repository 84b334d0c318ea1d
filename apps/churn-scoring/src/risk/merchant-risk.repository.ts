import { Injectable } from '@nestjs/common';
import type { BehaviourTier, ScoreBand, ValueTier } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { RiskReason } from './scoring/risk-components';
import { MerchantScore } from './scoring/merchant-scorer';
import { parseSort, RiskCursor, RiskSort, RiskSortKey } from './risk-cursor';

/** A merchant's stored current risk. */
export interface StoredRisk {
  merchantId: string;
  score: number;
  band: ScoreBand;
  behaviourTier: BehaviourTier;
  valueTier: ValueTier;
  reactivatedOn: string | null;
  pAlive: number | null;
  reasons: RiskReason[];
  modelVersion: string;
  asOfDate: string;
  scoredAt: string;
  trailing90dFeeMinor: number;
  /** Calibrated probability of starting a 30-day dormancy within 30 days (hazard model); null without one. */
  pDormant30d: number | null;
  /** The hazard model's version, its reasons and a declared closure; null without a hazard model. */
  earlyWarning: StoredEarlyWarning | null;
  /** Sales region and city from the registry's profile; null until merchant.lifecycle.v1 said. */
  region: string | null;
  city: string | null;
}

/** What rescoring compares a new score with: the stored score, band and tiers. */
export type RiskStanding = Pick<StoredRisk, 'score' | 'band' | 'behaviourTier' | 'valueTier'>;

/** The early warning as stored and served. */
export interface StoredEarlyWarning {
  modelVersion: string;
  pDormant30d: number;
  reasons: RiskReason[];
  declaredClosure: { startsOn: string; endsOn: string; reason: string } | null;
}

/** One entry of a merchant's risk history (written on every tier or band change). */
export type RiskHistoryEntry = Omit<
  StoredRisk,
  | 'reactivatedOn'
  | 'pAlive'
  | 'trailing90dFeeMinor'
  | 'merchantId'
  | 'pDormant30d'
  | 'earlyWarning'
  | 'region'
  | 'city'
>;

/** Filters, order and keyset cursor of the ranked list. */
export interface RiskListQuery {
  behaviourTier?: BehaviourTier;
  valueTier?: ValueTier;
  band?: ScoreBand;
  reason?: string;
  region?: string;
  sort: RiskSort;
  limit: number;
  /** The last row of the previous page, under the same sort. */
  after?: RiskCursor;
}

/** SQL of each sort key; each has an index (key, merchant_id) read forwards or backwards. */
const SORT_SQL: Record<Exclude<RiskSortKey, 'merchantId'>, string> = {
  score: 'score',
  pDormant30d: 'coalesce(p_dormant_30d, -1)',
  fee90d: 'trailing_90d_fee_minor',
};

/** The sort key of a row as a cursor holds it (null for the merchant-id sort). */
export function sortKeyOf(risk: StoredRisk, sort: RiskSort): number | null {
  switch (parseSort(sort).key) {
    case 'score':
      return risk.score;
    case 'pDormant30d':
      return risk.pDormant30d ?? -1;
    case 'fee90d':
      return risk.trailing90dFeeMinor;
    case 'merchantId':
      return null;
  }
}

type Row = Record<string, unknown>;
const SELECT = `merchant_id, score, score_band, behaviour_tier, value_tier, to_char(reactivated_on, 'YYYY-MM-DD') AS reactivated_on,
  p_alive, reasons, model_version, to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, scored_at, trailing_90d_fee_minor,
  p_dormant_30d, hazard_model_version, early_warning_reasons, region, city`;

function toRisk(r: Row): StoredRisk {
  return {
    merchantId: String(r.merchant_id),
    score: Number(r.score),
    band: r.score_band as ScoreBand,
    behaviourTier: r.behaviour_tier as BehaviourTier,
    valueTier: r.value_tier as ValueTier,
    reactivatedOn: (r.reactivated_on as string | null) ?? null,
    pAlive: r.p_alive === null || r.p_alive === undefined ? null : Number(r.p_alive),
    reasons: r.reasons as RiskReason[],
    modelVersion: String(r.model_version),
    asOfDate: String(r.as_of_date),
    scoredAt: new Date(r.scored_at as string).toISOString(),
    trailing90dFeeMinor: toSafeInteger(r.trailing_90d_fee_minor as string),
    pDormant30d: r.p_dormant_30d === null || r.p_dormant_30d === undefined ? null : Number(r.p_dormant_30d),
    earlyWarning:
      r.hazard_model_version === null || r.hazard_model_version === undefined
        ? null
        : {
            modelVersion: String(r.hazard_model_version),
            pDormant30d: Number(r.p_dormant_30d),
            ...(r.early_warning_reasons as Pick<StoredEarlyWarning, 'reasons' | 'declaredClosure'>),
          },
    region: (r.region as string | null | undefined) ?? null,
    city: (r.city as string | null | undefined) ?? null,
  };
}

/** Current risk per merchant, its change history, and the ranked lists. */
@Injectable()
export class MerchantRiskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queries outside any transaction. */
  get reader(): Pick<EntityManager, 'query'> {
    return this.dataSource;
  }

  async findCurrent(
    m: Pick<EntityManager, 'query'>,
    merchantIds: readonly string[],
  ): Promise<Map<string, StoredRisk>> {
    const rows: Row[] = await m.query(
      `SELECT ${SELECT} FROM merchant_risk WHERE merchant_id = ANY($1::text[])`,
      [merchantIds],
    );
    return new Map(rows.map((r) => [String(r.merchant_id), toRisk(r)]));
  }

  /**
   * The stored score, band and tiers of the merchants that have one (rescoring decides from them
   * whether an event is due): no reasons to parse, unlike {@link findCurrent}.
   */
  async findStandings(
    m: Pick<EntityManager, 'query'>,
    merchantIds: readonly string[],
  ): Promise<Map<string, RiskStanding>> {
    const rows: Array<{
      merchant_id: string;
      score: number;
      score_band: ScoreBand;
      behaviour_tier: BehaviourTier;
      value_tier: ValueTier;
    }> = await m.query(
      `SELECT merchant_id, score, score_band, behaviour_tier, value_tier FROM merchant_risk WHERE merchant_id = ANY($1::text[])`,
      [merchantIds],
    );
    const out = new Map<string, RiskStanding>();
    for (const r of rows) {
      out.set(r.merchant_id, {
        score: Number(r.score),
        band: r.score_band,
        behaviourTier: r.behaviour_tier,
        valueTier: r.value_tier,
      });
    }
    return out;
  }

  /**
   * Upserts the current risk of every scored merchant; appends history for `changed` ones (a subset of
   * `scores`: their rows as just stored).
   */
  async save(
    m: EntityManager,
    scores: readonly MerchantScore[],
    changed: readonly MerchantScore[],
    scoredAt: string,
  ): Promise<void> {
    if (scores.length > 0) {
      // One JSON document for the chunk (one native JSON.stringify, parsed by Postgres) instead of 16
      // array parameters, whose per-element escaping of the reason texts dominated the driver's work.
      const rows = scores.map((s) => ({
        id: s.merchantId,
        score: s.score,
        band: s.band,
        tier: s.behaviourTier,
        value: s.valueTier,
        react: s.reactivatedOn,
        p: s.pAlive,
        reasons: s.reasons,
        codes: s.reasons.map((r) => r.code),
        model: s.modelVersion,
        as_of: s.asOfDate,
        fee: s.features.d90.feeMinor,
        pd: s.earlyWarning?.pDormant30d ?? null,
        hv: s.earlyWarning?.modelVersion ?? null,
        ew: s.earlyWarning
          ? { reasons: s.earlyWarning.reasons, declaredClosure: s.earlyWarning.declaredClosure }
          : null,
      }));
      await m.query(
        `INSERT INTO merchant_risk AS t (merchant_id, score, score_band, behaviour_tier, value_tier, reactivated_on, p_alive,
           reasons, reason_codes, model_version, as_of_date, scored_at, trailing_90d_fee_minor,
           p_dormant_30d, hazard_model_version, early_warning_reasons, region, city)
         SELECT id, score, band, tier, value, react, p, reasons, codes, model, as_of, $2, fee, pd, hv, ew, mc.region, mc.city
         FROM jsonb_to_recordset($1::jsonb)
           AS u(id text, score int, band text, tier text, value text, react date, p float8, reasons jsonb,
                codes text[], model text, as_of date, fee bigint, pd float8, hv text, ew jsonb)
           LEFT JOIN merchants mc ON mc.merchant_id = u.id
         ON CONFLICT (merchant_id) DO UPDATE SET score = EXCLUDED.score, score_band = EXCLUDED.score_band,
           behaviour_tier = EXCLUDED.behaviour_tier, value_tier = EXCLUDED.value_tier, reactivated_on = EXCLUDED.reactivated_on,
           p_alive = EXCLUDED.p_alive, reasons = EXCLUDED.reasons, reason_codes = EXCLUDED.reason_codes,
           model_version = EXCLUDED.model_version, as_of_date = EXCLUDED.as_of_date, scored_at = EXCLUDED.scored_at,
           trailing_90d_fee_minor = EXCLUDED.trailing_90d_fee_minor, p_dormant_30d = EXCLUDED.p_dormant_30d,
           hazard_model_version = EXCLUDED.hazard_model_version, early_warning_reasons = EXCLUDED.early_warning_reasons,
           region = EXCLUDED.region, city = EXCLUDED.city`,
        [JSON.stringify(rows), scoredAt],
      );
    }
    if (changed.length > 0) {
      // The history rows are the current rows just upserted (same transaction), copied server-side:
      // sending the changed merchants' reasons a second time (a jsonb[] parameter) cost more than the copy.
      const scored = new Set(scores.map((s) => s.merchantId));
      const missing = changed.find((s) => !scored.has(s.merchantId));
      if (missing) throw new Error(`changed merchant ${missing.merchantId} is not among the scores saved`);
      await m.query(
        `INSERT INTO merchant_risk_history (merchant_id, score, score_band, behaviour_tier, value_tier, reasons, model_version, as_of_date, scored_at)
         SELECT merchant_id, score, score_band, behaviour_tier, value_tier, reasons, model_version, as_of_date, scored_at
         FROM merchant_risk WHERE merchant_id = ANY($1::text[])`,
        [changed.map((s) => s.merchantId)],
      );
    }
  }

  async history(merchantId: string, limit: number): Promise<RiskHistoryEntry[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT score, score_band, behaviour_tier, value_tier, reasons, model_version, to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, scored_at
       FROM merchant_risk_history WHERE merchant_id = $1 ORDER BY id DESC LIMIT $2`,
      [merchantId, limit],
    );
    return rows.map((r) => {
      const {
        merchantId: _id,
        reactivatedOn: _r,
        pAlive: _p,
        trailing90dFeeMinor: _f,
        ...entry
      } = toRisk({ ...r, merchant_id: merchantId, trailing_90d_fee_minor: 0 });
      return entry;
    });
  }

  /**
   * The distinct regions of scored merchants, by name (the worklist's region choices). A skip scan of
   * merchant_risk_region_rank_idx: one index probe per region, not a pass over every merchant.
   */
  async regions(): Promise<Array<{ region: string }>> {
    const rows: Row[] = await this.dataSource.query(
      `WITH RECURSIVE r(region) AS (
         (SELECT region FROM merchant_risk WHERE region IS NOT NULL ORDER BY region LIMIT 1)
         UNION ALL
         SELECT (SELECT m.region FROM merchant_risk m WHERE m.region > r.region ORDER BY m.region LIMIT 1)
           FROM r WHERE r.region IS NOT NULL
       )
       SELECT region FROM r WHERE region IS NOT NULL`,
    );
    return rows.map((r) => ({ region: String(r.region) }));
  }

  /**
   * One page under `q.sort` (ties by merchant id, opposite direction); keyset pagination. The `<=`/`>=`
   * bound repeats the keyset condition in a form the index scan can start from.
   */
  async list(q: RiskListQuery): Promise<StoredRisk[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.behaviourTier) where.push(`behaviour_tier = ${param(q.behaviourTier)}`);
    if (q.valueTier) where.push(`value_tier = ${param(q.valueTier)}`);
    if (q.band) where.push(`score_band = ${param(q.band)}`);
    if (q.reason) where.push(`reason_codes @> ARRAY[${param(q.reason)}]::text[]`);
    if (q.region) where.push(`region = ${param(q.region)}`);
    const { key, descending } = parseSort(q.sort);
    const [byId, idAfter] = descending ? ['merchant_id', '>'] : ['merchant_id DESC', '<'];
    let order: string;
    if (key === 'merchantId') {
      order = descending ? 'merchant_id DESC' : 'merchant_id';
      if (q.after) where.push(`merchant_id ${descending ? '<' : '>'} ${param(q.after.merchantId)}`);
    } else {
      const col = SORT_SQL[key];
      order = `${col} ${descending ? 'DESC' : 'ASC'}, ${byId}`;
      if (q.after) {
        const [v, id] = [param(q.after.key), param(q.after.merchantId)];
        const [bound, strict] = descending ? ['<=', '<'] : ['>=', '>'];
        where.push(`${col} ${bound} ${v} AND (${col} ${strict} ${v} OR merchant_id ${idAfter} ${id})`);
      }
    }
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SELECT} FROM merchant_risk ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order} LIMIT ${param(q.limit)}`,
      params,
    );
    return rows.map(toRisk);
  }
}
