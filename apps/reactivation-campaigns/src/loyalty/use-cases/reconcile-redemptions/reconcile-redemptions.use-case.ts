import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MerchantRegistryClient, RegistryRejectedError } from '../../../registry/merchant-registry.client';
import { grantFeeRelief } from '../../registry/fee-relief';
import { RedemptionRepository } from '../../redemptions/redemption.repository';
import { catalogueItem } from '../../redemptions/reward.catalogue';
import { feeReliefReason } from '../redeem-points/redeem-points.use-case';
import { SettleRedemptionUseCase } from '../settle-redemption/settle-redemption.use-case';

/** A pending redemption younger than this may still have its registry call in flight. */
const SETTLE_AFTER_MS = 60_000;

/**
 * Settles redemptions whose registry answer was lost: if the registry holds a promotion naming the
 * redemption it is completed, otherwise the grant is retried (completed, or compensated on refusal);
 * still unreachable → left pending for the next run.
 */
@Injectable()
export class ReconcileRedemptionsUseCase {
  constructor(
    private readonly redemptions: RedemptionRepository,
    private readonly settle: SettleRedemptionUseCase,
    private readonly registry: MerchantRegistryClient,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ completed: number; compensated: number; stillPending: number }> {
    const out = { completed: 0, compensated: 0, stillPending: 0 };
    const due = await this.redemptions.pendingBefore(new Date(this.clock.nowMs() - SETTLE_AFTER_MS));
    for (const r of due) {
      const relief = catalogueItem(r.item)?.feeRelief;
      try {
        const found = (await this.registry.promotions(r.merchantId)).find(
          (p) => p.reason === feeReliefReason(r.redemptionId),
        );
        const promotion =
          found ??
          (relief
            ? await grantFeeRelief(this.registry, r.merchantId, relief, {
                reason: feeReliefReason(r.redemptionId),
              })
            : null);
        if (await this.settle.complete(r.redemptionId, promotion?.promotionId ?? null)) out.completed++;
      } catch (error) {
        if (!(error instanceof RegistryRejectedError)) {
          out.stillPending++;
          continue;
        }
        if (await this.settle.compensate(r.redemptionId, `${error.code}: ${error.detail}`)) out.compensated++;
      }
    }
    return out;
  }
}
