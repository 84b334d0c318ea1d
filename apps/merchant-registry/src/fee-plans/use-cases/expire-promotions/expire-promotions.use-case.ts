import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feePlanChanged } from '../../fee-plan.events';
import { baseVersion, cloneTerms, nextPlanVersion, termsInForce } from '../../fee-plan.history';
import { FeePlanRepository, FeePlanVersion } from '../../fee-plan.repository';

/**
 * Time-driven: every promotion whose end the clock has reached ends by itself — the merchant returns
 * to its base plan as a new version effective at the promotion's end (FeePlanChanged), and the expiry
 * is audited. Idempotent (claimed FOR UPDATE SKIP LOCKED, then marked ended).
 */
@Injectable()
export class ExpirePromotionsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly feePlans: FeePlanRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  /** Returns how many promotions ended. */
  async execute(): Promise<number> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const expired = await this.feePlans.lockExpiredPromotions(manager, now, 200);
      for (const promotion of expired) {
        await this.feePlans.endPromotion(manager, promotion.id, now);
        const history = await this.feePlans.history(manager, promotion.merchantId);
        const base = baseVersion(history);
        const current = termsInForce(history);
        if (base) {
          const version: FeePlanVersion = {
            ...base,
            planVersion: nextPlanVersion(history),
            terms: cloneTerms(base.terms),
            previousTerms: current ? cloneTerms(current.terms) : null,
            effectiveFrom: promotion.endsAt,
            announcedAt: null,
            compensation: null,
            promotionId: null,
            state: 'effective',
            appliedAt: now,
            createdAt: now,
          };
          await this.feePlans.insertVersion(manager, version);
          await this.events.emit(manager, [feePlanChanged(version, now)]);
        }
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
