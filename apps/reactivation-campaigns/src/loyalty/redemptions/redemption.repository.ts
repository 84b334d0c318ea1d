import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, string | number | null>;

/** Saga state of a redemption: points debited (pending) → completed, or refused and compensated. */
export type RedemptionState = 'pending' | 'completed' | 'refused' | 'compensated';

export interface Redemption {
  redemptionId: string;
  merchantId: string;
  requestKey: string;
  item: string;
  points: number;
  state: RedemptionState;
  externalReference: string | null;
  failureReason: string | null;
  requestedBy: string;
  requestedAt: string;
  settledAt: string | null;
}

const SELECT = `SELECT redemption_id, merchant_id, request_key, catalogue_item, points, state, external_reference,
  failure_reason, requested_by, requested_at, settled_at FROM loyalty_redemptions`;

/** Redemption saga rows (the points themselves move only through the ledger). */
@Injectable()
export class RedemptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, r: Redemption): Promise<void> {
    await manager.query(
      `INSERT INTO loyalty_redemptions (redemption_id, merchant_id, request_key, catalogue_item, points, state,
         external_reference, failure_reason, requested_by, requested_at, settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        r.redemptionId,
        r.merchantId,
        r.requestKey,
        r.item,
        r.points,
        r.state,
        r.externalReference,
        r.failureReason,
        r.requestedBy,
        r.requestedAt,
        r.settledAt,
      ],
    );
  }

  async findByKey(
    manager: EntityManager,
    merchantId: string,
    requestKey: string,
  ): Promise<Redemption | null> {
    const rows: Row[] = await manager.query(`${SELECT} WHERE merchant_id = $1 AND request_key = $2`, [
      merchantId,
      requestKey,
    ]);
    return rows[0] ? toRedemption(rows[0]) : null;
  }

  /** Locks a pending redemption (null when it is no longer pending: another worker settled it). */
  async lockPending(manager: EntityManager, redemptionId: string): Promise<Redemption | null> {
    const rows: Row[] = await manager.query(
      `${SELECT} WHERE redemption_id = $1 AND state = 'pending' FOR UPDATE`,
      [redemptionId],
    );
    return rows[0] ? toRedemption(rows[0]) : null;
  }

  async settle(
    manager: EntityManager,
    redemptionId: string,
    state: Exclude<RedemptionState, 'pending'>,
    settledAt: Date,
    detail: { externalReference?: string | null; failureReason?: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE loyalty_redemptions SET state = $2, settled_at = $3, external_reference = $4, failure_reason = $5
        WHERE redemption_id = $1`,
      [redemptionId, state, settledAt, detail.externalReference ?? null, detail.failureReason ?? null],
    );
  }

  /** Pending redemptions requested before `before` (their registry call's outcome is unknown). */
  async pendingBefore(before: Date, limit = 100): Promise<Redemption[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE state = 'pending' AND requested_at < $1 ORDER BY requested_at LIMIT $2`,
      [before, limit],
    );
    return rows.map(toRedemption);
  }

  async list(merchantId: string): Promise<Redemption[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE merchant_id = $1 ORDER BY requested_at DESC LIMIT 100`,
      [merchantId],
    );
    return rows.map(toRedemption);
  }

  async countsByState(): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT state, count(*) AS n FROM loyalty_redemptions GROUP BY state`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.state), toSafeInteger(r.n)]));
  }
}

function toRedemption(r: Row): Redemption {
  return {
    redemptionId: String(r.redemption_id),
    merchantId: String(r.merchant_id),
    requestKey: String(r.request_key),
    item: String(r.catalogue_item),
    points: toSafeInteger(r.points),
    state: r.state as RedemptionState,
    externalReference: (r.external_reference as string | null) ?? null,
    failureReason: (r.failure_reason as string | null) ?? null,
    requestedBy: String(r.requested_by),
    requestedAt: new Date(r.requested_at as string).toISOString(),
    settledAt: r.settled_at ? new Date(r.settled_at as string).toISOString() : null,
  };
}
