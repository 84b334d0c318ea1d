import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FeePlanVersion, FeePromotion, MerchantView } from './merchant-view';

interface MerchantRow {
  merchant_id: string;
  timezone: string;
  currency: string;
  status: string;
}

interface PlanRow {
  merchant_id: string;
  plan_version: number;
  fee_plan_id: string;
  effective_from: Date;
  credit_bps: number;
  debit_bps: number;
  debit_cap_minor: string;
  qr_alipay_bps: number;
  qr_wechat_bps: number;
  unionpay_qr_bps: number;
  compensation: FeePlanVersion['compensation'];
}

interface PromotionRow {
  merchant_id: string;
  promotion_id: string;
  bps_off: number;
  starts_at: Date;
  ends_at: Date;
}

/** Reads and writes the merchant projection tables (merchants, terminals, fee_plan_versions, fee_promotions). */
@Injectable()
export class MerchantProjectionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The views of the given merchants that are known; unknown ids are simply absent. */
  async load(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MerchantView>> {
    const views = new Map<string, MerchantView>();
    if (ids.length === 0) return views;
    const merchants: MerchantRow[] = await manager.query(
      `SELECT merchant_id, timezone, currency, status FROM merchants WHERE merchant_id = ANY($1::text[])`,
      [ids],
    );
    for (const m of merchants) {
      views.set(m.merchant_id, {
        merchantId: m.merchant_id,
        timezone: m.timezone,
        currency: m.currency,
        status: m.status,
        feePlans: [],
      });
    }
    if (views.size === 0) return views;
    const plans: PlanRow[] = await manager.query(
      `SELECT * FROM fee_plan_versions WHERE merchant_id = ANY($1::text[]) ORDER BY merchant_id, effective_from, plan_version`,
      [[...views.keys()]],
    );
    for (const p of plans) views.get(p.merchant_id)?.feePlans.push(toPlan(p));
    const promotions: PromotionRow[] = await manager.query(
      `SELECT * FROM fee_promotions WHERE merchant_id = ANY($1::text[]) ORDER BY merchant_id, starts_at`,
      [[...views.keys()]],
    );
    for (const p of promotions) {
      const view = views.get(p.merchant_id);
      if (view) (view.feePromotions ??= []).push(toPromotion(p));
    }
    return views;
  }

  async upsertMerchant(
    manager: EntityManager,
    m: { merchantId: string; timezone: string; status: string; currency?: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO merchants (merchant_id, timezone, currency, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (merchant_id) DO UPDATE SET timezone = EXCLUDED.timezone, status = EXCLUDED.status, updated_at = now()`,
      [m.merchantId, m.timezone, m.currency ?? 'CNY', m.status],
    );
  }

  /** Updates the profile fields ingestion uses; no-op for a merchant not registered yet. */
  async updateMerchant(
    manager: EntityManager,
    merchantId: string,
    fields: { timezone?: string; status?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE merchants SET timezone = coalesce($2, timezone), status = coalesce($3, status), updated_at = now()
       WHERE merchant_id = $1`,
      [merchantId, fields.timezone ?? null, fields.status ?? null],
    );
  }

  async upsertTerminal(
    manager: EntityManager,
    t: { terminalId: string; merchantId: string; status: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO terminals (terminal_id, merchant_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (terminal_id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, status = EXCLUDED.status, updated_at = now()`,
      [t.terminalId, t.merchantId, t.status],
    );
  }

  async upsertFeePlan(manager: EntityManager, merchantId: string, plan: FeePlanVersion): Promise<void> {
    const r = plan.rates;
    await manager.query(
      `INSERT INTO fee_plan_versions (merchant_id, plan_version, fee_plan_id, effective_from, credit_bps, debit_bps,
         debit_cap_minor, qr_alipay_bps, qr_wechat_bps, unionpay_qr_bps, compensation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
       ON CONFLICT (merchant_id, plan_version) DO UPDATE SET fee_plan_id = EXCLUDED.fee_plan_id,
         effective_from = EXCLUDED.effective_from, credit_bps = EXCLUDED.credit_bps, debit_bps = EXCLUDED.debit_bps,
         debit_cap_minor = EXCLUDED.debit_cap_minor, qr_alipay_bps = EXCLUDED.qr_alipay_bps,
         qr_wechat_bps = EXCLUDED.qr_wechat_bps, unionpay_qr_bps = EXCLUDED.unionpay_qr_bps,
         compensation = EXCLUDED.compensation`,
      [
        merchantId,
        plan.planVersion,
        plan.feePlanId,
        new Date(plan.effectiveFromMs),
        r.creditBps,
        r.debitBps,
        r.debitCapMinor,
        r.qrAlipayBps,
        r.qrWechatBps,
        r.unionpayQrBps,
        plan.compensation ? JSON.stringify(plan.compensation) : null,
      ],
    );
  }

  /** Records a promotion overlay (idempotent: a redelivered grant rewrites the same row). */
  async upsertPromotion(manager: EntityManager, merchantId: string, promotion: FeePromotion): Promise<void> {
    await manager.query(
      `INSERT INTO fee_promotions (merchant_id, promotion_id, bps_off, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id, promotion_id) DO UPDATE SET bps_off = EXCLUDED.bps_off,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at`,
      [
        merchantId,
        promotion.promotionId,
        promotion.bpsOff,
        new Date(promotion.startsMs),
        new Date(promotion.endsMs),
      ],
    );
  }
}

function toPlan(p: PlanRow): FeePlanVersion {
  return {
    planVersion: p.plan_version,
    feePlanId: p.fee_plan_id,
    effectiveFromMs: new Date(p.effective_from).getTime(),
    rates: {
      creditBps: p.credit_bps,
      debitBps: p.debit_bps,
      debitCapMinor: Number(p.debit_cap_minor),
      qrAlipayBps: p.qr_alipay_bps,
      qrWechatBps: p.qr_wechat_bps,
      unionpayQrBps: p.unionpay_qr_bps,
    },
    compensation: p.compensation ?? null,
  };
}

function toPromotion(p: PromotionRow): FeePromotion {
  return {
    promotionId: p.promotion_id,
    bpsOff: p.bps_off,
    startsMs: new Date(p.starts_at).getTime(),
    endsMs: new Date(p.ends_at).getTime(),
  };
}
