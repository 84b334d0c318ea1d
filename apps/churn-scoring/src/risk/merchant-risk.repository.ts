import { Injectable } from '@nestjs/common';
import type { BehaviourTier, ScoreBand, ValueTier } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { RiskReason } from './scoring/risk-components';
import { MerchantScore } from './scoring/merchant-scorer';

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
}

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
  'reactivatedOn' | 'pAlive' | 'trailing90dFeeMinor' | 'merchantId' | 'pDormant30d' | 'earlyWarning'
>;

/** Filters and keyset cursor of the ranked list (score desc, merchant id asc). */
export interface RiskListQuery {
  behaviourTier?: BehaviourTier;
  valueTier?: ValueTier;
  reason?: string;
  limit: number;
  after?: { score: number; merchantId: string };
}

type Row = Record<string, unknown>;
const SELECT = `merchant_id, score, score_band, behaviour_tier, value_tier, to_char(reactivated_on, 'YYYY-MM-DD') AS reactivated_on,
  p_alive, reasons, model_version, to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, scored_at, trailing_90d_fee_minor,
  p_dormant_30d, hazard_model_version, early_warning_reasons`;

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

  /** Upserts the current risk of every scored merchant; appends history for `changed` ones. */
  async save(
    m: EntityManager,
    scores: readonly MerchantScore[],
    changed: readonly MerchantScore[],
    scoredAt: string,
  ): Promise<void> {
    if (scores.length > 0) {
      const c = (f: (s: MerchantScore) => unknown) => scores.map(f);
      await m.query(
        `INSERT INTO merchant_risk AS t (merchant_id, score, score_band, behaviour_tier, value_tier, reactivated_on, p_alive,
           reasons, reason_codes, model_version, as_of_date, scored_at, trailing_90d_fee_minor,
           p_dormant_30d, hazard_model_version, early_warning_reasons)
         SELECT id, score, band, tier, value, react, p, reasons, string_to_array(codes, ','), model, as_of, $12, fee,
           pd, hv, ew
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::float8[], $8::jsonb[],
                     $9::text[], $10::text[], $11::date[], $13::bigint[], $14::float8[], $15::text[], $16::jsonb[])
           AS u(id, score, band, tier, value, react, p, reasons, codes, model, as_of, fee, pd, hv, ew)
         ON CONFLICT (merchant_id) DO UPDATE SET score = EXCLUDED.score, score_band = EXCLUDED.score_band,
           behaviour_tier = EXCLUDED.behaviour_tier, value_tier = EXCLUDED.value_tier, reactivated_on = EXCLUDED.reactivated_on,
           p_alive = EXCLUDED.p_alive, reasons = EXCLUDED.reasons, reason_codes = EXCLUDED.reason_codes,
           model_version = EXCLUDED.model_version, as_of_date = EXCLUDED.as_of_date, scored_at = EXCLUDED.scored_at,
           trailing_90d_fee_minor = EXCLUDED.trailing_90d_fee_minor, p_dormant_30d = EXCLUDED.p_dormant_30d,
           hazard_model_version = EXCLUDED.hazard_model_version, early_warning_reasons = EXCLUDED.early_warning_reasons`,
        [
          c((s) => s.merchantId),
          c((s) => s.score),
          c((s) => s.band),
          c((s) => s.behaviourTier),
          c((s) => s.valueTier),
          c((s) => s.reactivatedOn),
          c((s) => s.pAlive),
          c((s) => JSON.stringify(s.reasons)),
          c((s) => s.reasons.map((r) => r.code).join(',')),
          c((s) => s.modelVersion),
          c((s) => s.asOfDate),
          scoredAt,
          c((s) => s.features.d90.feeMinor),
          c((s) => s.earlyWarning?.pDormant30d ?? null),
          c((s) => s.earlyWarning?.modelVersion ?? null),
          c((s) =>
            s.earlyWarning
              ? JSON.stringify({
                  reasons: s.earlyWarning.reasons,
                  declaredClosure: s.earlyWarning.declaredClosure,
                })
              : null,
          ),
        ],
      );
    }
    if (changed.length > 0) {
      const c = (f: (s: MerchantScore) => unknown) => changed.map(f);
      await m.query(
        `INSERT INTO merchant_risk_history (merchant_id, score, score_band, behaviour_tier, value_tier, reasons, model_version, as_of_date, scored_at)
         SELECT *, $8::timestamptz FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $9::date[])`,
        [
          c((s) => s.merchantId),
          c((s) => s.score),
          c((s) => s.band),
          c((s) => s.behaviourTier),
          c((s) => s.valueTier),
          c((s) => JSON.stringify(s.reasons)),
          c((s) => s.modelVersion),
          scoredAt,
          c((s) => s.asOfDate),
        ],
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

  /** Ranked by score (highest first), then merchant id; keyset pagination. */
  async list(q: RiskListQuery): Promise<StoredRisk[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.behaviourTier) add('behaviour_tier = ?', q.behaviourTier);
    if (q.valueTier) add('value_tier = ?', q.valueTier);
    if (q.reason) add('reason_codes @> ARRAY[?]::text[]', q.reason);
    if (q.after) {
      params.push(q.after.score, q.after.merchantId);
      where.push(
        `(score < $${params.length - 1} OR (score = $${params.length - 1} AND merchant_id > $${params.length}))`,
      );
    }
    params.push(q.limit);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SELECT} FROM merchant_risk ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY score DESC, merchant_id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRisk);
  }
}
