import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { FeePlanRepository } from '../../fee-plan.repository';

/**
 * Time-driven bookkeeping: every promotion whose end the clock has reached is marked ended and its
 * expiry audited. Pricing does not wait for it: a promotion is an overlay that stops applying at
 * `endsAt` by itself (see `feePlanAt`), so no plan version is written and no event goes out.
 * Idempotent (claimed FOR UPDATE SKIP LOCKED, then marked ended).
 */
@Injectable()
export class ExpirePromotionsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly feePlans: FeePlanRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns how many promotions ended. */
  async execute(): Promise<number> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const expired = await this.feePlans.lockExpiredPromotions(manager, now, 200);
      for (const promotion of expired) {
        await this.feePlans.endPromotion(manager, promotion.id, now);
        await this.feePlans.audit(manager, {
          merchantId: promotion.merchantId,
          action: 'promotion_expired',
          detail: { promotionId: promotion.id, endsAt: promotion.endsAt },
          actor: 'system',
          at: now,
        });
      }
      return expired.length;
    });
  }
}
