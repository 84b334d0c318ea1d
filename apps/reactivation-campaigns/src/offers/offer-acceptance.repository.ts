import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OfferSpec } from '../outreach/outreach-scheduler';

/** How an offer was accepted. */
export type AcceptanceSource = 'api' | 'phone' | 'granted_at_send';

/** `pending` (registry not yet answered) → `applied` | `refused_margin` | `conflict` (another promotion active). */
export type AcceptanceState = 'pending' | 'applied' | 'refused_margin' | 'conflict';

export interface OfferAcceptance {
  id: string;
  campaignId: string;
  merchantId: string;
  stepIndex: number;
  offer: OfferSpec;
  source: AcceptanceSource;
  state: AcceptanceState;
  estimatedCostMinor: number;
  promotionId: string | null;
  detail: string | null;
  acceptedAt: Date;
  appliedAt: Date | null;
}

const SELECT = `SELECT id, campaign_id AS "campaignId", merchant_id AS "merchantId", step_index AS "stepIndex", offer,
  source, state, estimated_cost_minor::float8 AS "estimatedCostMinor", promotion_id AS "promotionId", detail,
  accepted_at AS "acceptedAt", applied_at AS "appliedAt" FROM offer_acceptance`;

/** Offer acceptances: one per (campaign, merchant, step), so accepting twice applies once. */
@Injectable()
export class OfferAcceptanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the acceptance unless one exists; returns the stored one either way. */
  async insertOnce(acceptance: OfferAcceptance): Promise<OfferAcceptance> {
    await this.dataSource.query(
      `INSERT INTO offer_acceptance (id, campaign_id, merchant_id, step_index, offer, source, state,
         estimated_cost_minor, detail, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (campaign_id, merchant_id, step_index) DO NOTHING`,
      [
        acceptance.id,
        acceptance.campaignId,
        acceptance.merchantId,
        acceptance.stepIndex,
        JSON.stringify(acceptance.offer),
        acceptance.source,
        acceptance.state,
        acceptance.estimatedCostMinor,
        acceptance.detail,
        acceptance.acceptedAt,
      ],
    );
    const rows: OfferAcceptance[] = await this.dataSource.query(
      `${SELECT} WHERE campaign_id = $1 AND merchant_id = $2 AND step_index = $3`,
      [acceptance.campaignId, acceptance.merchantId, acceptance.stepIndex],
    );
    return rows[0];
  }

  async settle(
    id: string,
    state: AcceptanceState,
    patch: { promotionId?: string | null; detail?: string | null; appliedAt?: Date | null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE offer_acceptance SET state = $2, promotion_id = coalesce($3, promotion_id), detail = coalesce($4, detail),
         applied_at = coalesce($5, applied_at) WHERE id = $1`,
      [id, state, patch.promotionId ?? null, patch.detail ?? null, patch.appliedAt ?? null],
    );
  }
}
