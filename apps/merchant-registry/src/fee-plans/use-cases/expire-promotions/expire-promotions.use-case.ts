import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feePlanChanged } from '../../fee-plan.events';
import { cloneTerms, feeScheduleOf, nextPlanVersion, versionReplacedAt } from '../../fee-plan.history';
import { FeePlanRepository, FeePlanVersion, FeePromotion } from '../../fee-plan.repository';

/**
 * Time-driven bookkeeping: every promotion whose end the clock has reached is marked ended and its
 * expiry audited. Pricing does not wait for it: a promotion is an overlay that stops applying at
 * `endsAt` by itself (see `feePlanAt`), so no plan version is written and no event goes out —
 * except for a legacy promotion (granted before promotions became overlays, as a plan version that
 * consumers priced as a base), whose end still needs a version restoring the base in force.
 * Idempotent (claimed FOR UPDATE SKIP LOCKED, then marked ended).
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
        await this.restoreBaseAfterLegacyPromotion(manager, promotion, now);
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

  /**
   * For a legacy promotion version still in force: the base in force at its end, again, effective at its
   * end. (A waiver running under that base restarts nowhere: legacy promotions predate applied waivers.)
   */
  private async restoreBaseAfterLegacyPromotion(
    manager: EntityManager,
    promotion: FeePromotion,
    now: Date,
  ): Promise<void> {
    const history = await this.feePlans.history(manager, promotion.merchantId);
    const legacy = history.find((v) => v.promotionId === promotion.id);
    const base = versionReplacedAt(feeScheduleOf(history, []), promotion.endsAt);
    // A base that took effect after the legacy version superseded it already, everywhere.
    if (!legacy || !base || base.effectiveFrom > legacy.effectiveFrom) return;
    const version: FeePlanVersion = {
      ...base,
      planVersion: nextPlanVersion(history),
      terms: cloneTerms(base.terms),
      previousTerms: cloneTerms(legacy.terms),
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
}
