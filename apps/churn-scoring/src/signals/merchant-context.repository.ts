import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HazardContext } from '../models/hazard/hazard-features';

/** A temporary closure the merchant declared (registry): silence inside it is not churn. */
export interface DeclaredClosure {
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** What the hazard model and the tiers know of a merchant beside its activity. */
export interface MerchantContext extends HazardContext {
  closures: DeclaredClosure[];
}

type Db = Pick<EntityManager, 'query'>;
type Row = Record<string, unknown>;
const DATE = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/**
 * Fee changes announced and declared closures (projected from merchant.lifecycle.v1), and the dated
 * view of tickets and terminal-health episodes the hazard model reads.
 */
@Injectable()
export class MerchantContextRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordFeeChange(
    m: EntityManager,
    c: {
      merchantId: string;
      planVersion: number;
      fromBps: number;
      toBps: number;
      announcedAt: string;
      effectiveFrom: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO fee_changes (merchant_id, plan_version, from_bps, to_bps, announced_at, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (merchant_id, plan_version) DO UPDATE SET from_bps = EXCLUDED.from_bps, to_bps = EXCLUDED.to_bps,
         announced_at = EXCLUDED.announced_at, effective_from = EXCLUDED.effective_from`,
      [c.merchantId, c.planVersion, c.fromBps, c.toBps, c.announcedAt, c.effectiveFrom],
    );
  }

  async recordClosure(
    m: EntityManager,
    c: {
      closureId: string;
      merchantId: string;
      startsOn: string;
      endsOn: string;
      reason: string;
      declaredAt: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO merchant_closures (closure_id, merchant_id, starts_on, ends_on, reason, declared_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (closure_id) DO NOTHING`,
      [c.closureId, c.merchantId, c.startsOn, c.endsOn, c.reason, c.declaredAt],
    );
  }

  /** Contexts of the given merchants (null = every merchant with any), dated for training at past as-of dates. */
  async load(
    merchantIds: readonly string[] | null,
    db: Db = this.dataSource,
  ): Promise<Map<string, MerchantContext>> {
    const out = new Map<string, MerchantContext>();
    const of = (id: unknown): MerchantContext => {
      const key = String(id);
      let c = out.get(key);
      if (!c) out.set(key, (c = { closures: [], feeIncreases: [], tickets: [], terminalEpisodes: [] }));
      return c;
    };
    const ids = merchantIds === null ? null : [...merchantIds];
    const where = `($1::text[] IS NULL OR merchant_id = ANY($1::text[]))`;
    const fees: Row[] = await db.query(
      `SELECT merchant_id, from_bps, to_bps, ${DATE('announced_at')} AS announced_on, ${DATE('effective_from')} AS effective_on
         FROM fee_changes WHERE ${where}`,
      [ids],
    );
    for (const r of fees)
      (of(r.merchant_id).feeIncreases as unknown[]).push({
        announcedOn: String(r.announced_on),
        effectiveFrom: String(r.effective_on),
        fromBps: Number(r.from_bps),
        toBps: Number(r.to_bps),
      });
    const closures: Row[] = await db.query(
      `SELECT merchant_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, reason
         FROM merchant_closures WHERE ${where}`,
      [ids],
    );
    for (const r of closures)
      of(r.merchant_id).closures.push({
        startsOn: String(r.starts_on),
        endsOn: String(r.ends_on),
        reason: String(r.reason),
      });
    const tickets: Row[] = await db.query(
      `SELECT merchant_id, ${DATE('opened_at')} AS opened_on,
              CASE WHEN status IN ('resolved', 'closed') THEN ${DATE('status_changed_at')} END AS closed_on
         FROM tickets WHERE ${where}`,
      [ids],
    );
    for (const r of tickets)
      (of(r.merchant_id).tickets as unknown[]).push({
        openedOn: String(r.opened_on),
        closedOn: r.closed_on === null ? null : String(r.closed_on),
      });
    const episodes: Row[] = await db.query(
      `SELECT merchant_id, terminal_id, ${DATE('since')} AS since,
              CASE WHEN degraded THEN NULL ELSE ${DATE('observed_at')} END AS until
         FROM terminal_health WHERE ${where}`,
      [ids],
    );
    for (const r of episodes)
      (of(r.merchant_id).terminalEpisodes as unknown[]).push({
        terminalId: String(r.terminal_id),
        since: String(r.since),
        until: r.until === null ? null : String(r.until),
      });
    return out;
  }
}
