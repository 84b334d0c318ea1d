import { Injectable } from '@nestjs/common';
import type { CompensationOfferV1, FeePlanTermsV1 } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';

/** `effective`: in force or superseded; `scheduled`: announced, waiting for its effective date. */
export type FeePlanVersionState = 'scheduled' | 'effective';

/** One version of a merchant's fee plan. */
export interface FeePlanVersion {
  merchantId: string;
  planVersion: number;
  feePlanId: string;
  terms: FeePlanTermsV1;
  previousTerms: FeePlanTermsV1 | null;
  effectiveFrom: Date;
  announcedAt: Date | null;
  compensation: CompensationOfferV1 | null;
  promotionId: string | null;
  state: FeePlanVersionState;
  appliedAt: Date | null;
  createdAt: Date;
}

/**
 * A promotional discount "X bps off for N days": an overlay on whatever base version is in force during
 * [startsAt, endsAt). `state` only records whether the fee-plan job has audited its end.
 */
export interface FeePromotion {
  id: string;
  merchantId: string;
  bpsOff: number;
  startsAt: Date;
  endsAt: Date;
  state: 'active' | 'ended';
  grantedBy: string;
  reason: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

const VERSION_SELECT = `merchant_id AS "merchantId", plan_version AS "planVersion", fee_plan_id AS "feePlanId",
  terms, previous_terms AS "previousTerms", effective_from AS "effectiveFrom", announced_at AS "announcedAt",
  compensation, promotion_id AS "promotionId", state, applied_at AS "appliedAt", created_at AS "createdAt"`;
const PROMOTION_SELECT = `id, merchant_id AS "merchantId", bps_off AS "bpsOff", starts_at AS "startsAt",
  ends_at AS "endsAt", state, granted_by AS "grantedBy", reason, created_at AS "createdAt", ended_at AS "endedAt"`;

/** Shared plans, merchant plan versions, promotions and the fee-plan audit trail. */
@Injectable()
export class FeePlanRepository {
  async sharedTerms(manager: EntityManager, feePlanId: string): Promise<FeePlanTermsV1 | null> {
    const rows: Array<{ terms: FeePlanTermsV1 }> = await manager.query(
      `SELECT terms FROM fee_plans WHERE id = $1`,
      [feePlanId],
    );
    return rows[0]?.terms ?? null;
  }

  async insertVersion(manager: EntityManager, v: FeePlanVersion): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_fee_plans (merchant_id, plan_version, fee_plan_id, terms, previous_terms, effective_from,
         announced_at, compensation, promotion_id, state, applied_at, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
      [
        v.merchantId,
        v.planVersion,
        v.feePlanId,
        JSON.stringify(v.terms),
        v.previousTerms ? JSON.stringify(v.previousTerms) : null,
        v.effectiveFrom,
        v.announcedAt,
        v.compensation ? JSON.stringify(v.compensation) : null,
        v.promotionId,
        v.state,
        v.appliedAt,
        v.createdAt,
      ],
    );
  }

  /** Every version of the merchant's plan, newest first. */
  async history(manager: EntityManager, merchantId: string): Promise<FeePlanVersion[]> {
    return manager.query(
      `SELECT ${VERSION_SELECT} FROM merchant_fee_plans WHERE merchant_id = $1 ORDER BY plan_version DESC`,
      [merchantId],
    );
  }

  /** Scheduled versions whose effective date has come, locked (SKIP LOCKED: concurrent jobs split the work). */
  async lockDueVersions(manager: EntityManager, now: Date, limit: number): Promise<FeePlanVersion[]> {
    return manager.query(
      `SELECT ${VERSION_SELECT} FROM merchant_fee_plans WHERE state = 'scheduled' AND effective_from <= $1
       ORDER BY effective_from, merchant_id, plan_version LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markApplied(
    manager: EntityManager,
    merchantId: string,
    planVersion: number,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE merchant_fee_plans SET state = 'effective', applied_at = $3 WHERE merchant_id = $1 AND plan_version = $2`,
      [merchantId, planVersion, at],
    );
  }

  async insertPromotion(manager: EntityManager, p: FeePromotion): Promise<void> {
    await manager.query(
      `INSERT INTO fee_promotions (id, merchant_id, bps_off, starts_at, ends_at, state, granted_by, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.id, p.merchantId, p.bpsOff, p.startsAt, p.endsAt, p.state, p.grantedBy, p.reason, p.createdAt],
    );
  }

  /** Every promotion of the merchant, oldest first. */
  async promotions(manager: EntityManager, merchantId: string): Promise<FeePromotion[]> {
    return manager.query(
      `SELECT ${PROMOTION_SELECT} FROM fee_promotions WHERE merchant_id = $1 ORDER BY starts_at, id`,
      [merchantId],
    );
  }

  /** A promotion of the merchant whose window overlaps [from, to), if any. */
  async overlappingPromotion(
    manager: EntityManager,
    merchantId: string,
    from: Date,
    to: Date,
  ): Promise<FeePromotion | null> {
    const rows: FeePromotion[] = await manager.query(
      `SELECT ${PROMOTION_SELECT} FROM fee_promotions WHERE merchant_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`,
      [merchantId, from, to],
    );
    return rows[0] ?? null;
  }

  async lockExpiredPromotions(manager: EntityManager, now: Date, limit: number): Promise<FeePromotion[]> {
    return manager.query(
      `SELECT ${PROMOTION_SELECT} FROM fee_promotions WHERE state = 'active' AND ends_at <= $1
       ORDER BY ends_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async endPromotion(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE fee_promotions SET state = 'ended', ended_at = $2 WHERE id = $1`, [id, at]);
  }

  async audit(
    manager: EntityManager,
    entry: { merchantId: string; action: string; detail: object; actor: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO fee_plan_audit (merchant_id, action, detail, actor, at) VALUES ($1, $2, $3::jsonb, $4, $5)`,
      [entry.merchantId, entry.action, JSON.stringify(entry.detail), entry.actor, entry.at],
    );
  }

  async auditOf(manager: EntityManager, merchantId: string): Promise<object[]> {
    return manager.query(
      `SELECT action, detail, actor, at FROM fee_plan_audit WHERE merchant_id = $1 ORDER BY id`,
      [merchantId],
    );
  }
}
