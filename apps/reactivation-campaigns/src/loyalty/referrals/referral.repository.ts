import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, string | number | null>;

/** A referral as this service knows it (from MerchantRegistered). */
export interface Referral {
  referredMerchantId: string;
  referrerMerchantId: string;
  state: 'waiting' | 'rewarded' | 'refused';
  refusalReason: string | null;
}

/** Referrals and their reward state. */
@Injectable()
export class ReferralRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a referral once (a replayed MerchantRegistered changes nothing). */
  async insert(manager: EntityManager, r: Referral, registeredAt: string): Promise<boolean> {
    const rows: Row[] = await manager.query(
      `INSERT INTO loyalty_referrals (referred_merchant_id, referrer_merchant_id, state, refusal_reason, registered_at, settled_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'refused' THEN now() END)
       ON CONFLICT DO NOTHING RETURNING referred_merchant_id`,
      [r.referredMerchantId, r.referrerMerchantId, r.state, r.refusalReason, registeredAt],
    );
    return rows.length > 0;
  }

  /** Waiting referrals of the given referred merchants, locked (one reward per referral). */
  async lockWaiting(manager: EntityManager, referredIds: readonly string[]): Promise<Referral[]> {
    if (referredIds.length === 0) return [];
    const rows: Row[] = await manager.query(
      `SELECT referred_merchant_id, referrer_merchant_id, state, refusal_reason FROM loyalty_referrals
        WHERE referred_merchant_id = ANY($1::text[]) AND state = 'waiting' ORDER BY referred_merchant_id FOR UPDATE`,
      [referredIds],
    );
    return rows.map((r) => ({
      referredMerchantId: String(r.referred_merchant_id),
      referrerMerchantId: String(r.referrer_merchant_id),
      state: 'waiting',
      refusalReason: null,
    }));
  }

  async markRewarded(manager: EntityManager, referredId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE loyalty_referrals SET state = 'rewarded', settled_at = $2 WHERE referred_merchant_id = $1`,
      [referredId, at],
    );
  }

  /** Approved trading days per merchant (for the qualification threshold). */
  async tradingDayCounts(
    manager: EntityManager,
    merchantIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: Row[] = await manager.query(
      `SELECT merchant_id, count(*) AS n FROM loyalty_day_snapshots
        WHERE merchant_id = ANY($1::text[]) AND approved_count > 0 GROUP BY merchant_id`,
      [merchantIds],
    );
    return new Map(rows.map((r) => [String(r.merchant_id), toSafeInteger(r.n)]));
  }

  async list(referrerId: string): Promise<Array<Referral & { registeredAt: string }>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT referred_merchant_id, referrer_merchant_id, state, refusal_reason, registered_at FROM loyalty_referrals
        WHERE referrer_merchant_id = $1 ORDER BY registered_at`,
      [referrerId],
    );
    return rows.map((r) => ({
      referredMerchantId: String(r.referred_merchant_id),
      referrerMerchantId: String(r.referrer_merchant_id),
      state: r.state as Referral['state'],
      refusalReason: (r.refusal_reason as string | null) ?? null,
      registeredAt: new Date(r.registered_at as string).toISOString(),
    }));
  }
}
