import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { applyDiscount, feeRatesFromTerms, feeRatesToTerms } from '@merchant-pulse/fees';
import { v7 as uuidv7 } from 'uuid';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feePlanChanged } from '../../fee-plan.events';
import { baseVersion, cloneTerms, nextPlanVersion } from '../../fee-plan.history';
import { FeePlanRepository, FeePromotion, FeePlanVersion } from '../../fee-plan.repository';

/** Grant "X bps off for N days" (e.g. a reactivation offer). */
export interface GrantPromotionCommand {
  merchantId: string;
  bpsOff: number;
  days: number;
  reason?: string;
  actor: string;
}

const DAY_MS = 86_400_000;

/**
 * A temporary discount on every channel rate of the base plan (never below 0 bps), effective now as a
 * new plan version (FeePlanChanged); the fee-plan job ends it at expiry. One active promotion at a time.
 * Grant and expiry are both audited.
 */
@Injectable()
export class GrantPromotionUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly feePlans: FeePlanRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(command: GrantPromotionCommand): Promise<FeePromotion> {
    return this.tx.run(async (manager) => {
      if (!(await this.merchants.lockById(manager, command.merchantId))) {
        throw new NotFoundError('merchant', command.merchantId);
      }
      if (await this.feePlans.activePromotion(manager, command.merchantId)) {
        throw new BusinessRuleError('promotion_active', 'the merchant already has an active promotion', 409);
      }
      const history = await this.feePlans.history(manager, command.merchantId);
      const base = baseVersion(history);
      if (!base) throw new BusinessRuleError('no_fee_plan', 'the merchant has no fee plan in force', 409);
      const now = this.clock.now();
      const promotion: FeePromotion = {
        id: uuidv7(),
        merchantId: command.merchantId,
        bpsOff: command.bpsOff,
        startsAt: now,
        endsAt: new Date(now.getTime() + command.days * DAY_MS),
        state: 'active',
        grantedBy: command.actor,
        reason: command.reason ?? null,
        createdAt: now,
        endedAt: null,
      };
      const discounted = feeRatesToTerms(applyDiscount(feeRatesFromTerms(base.terms), command.bpsOff));
      const version: FeePlanVersion = {
        merchantId: command.merchantId,
        planVersion: nextPlanVersion(history),
        feePlanId: `promo-${base.feePlanId}`.slice(0, 64),
        terms: { rates: { ...discounted.rates }, debitCapMinor: discounted.debitCapMinor },
        previousTerms: cloneTerms(base.terms),
        effectiveFrom: now,
        announcedAt: null,
        compensation: null,
        promotionId: promotion.id,
        state: 'effective',
        appliedAt: now,
        createdAt: now,
      };
      await this.feePlans.insertPromotion(manager, promotion);
      await this.feePlans.insertVersion(manager, version);
      await this.feePlans.audit(manager, {
        merchantId: command.merchantId,
        action: 'promotion_granted',
        detail: {
          promotionId: promotion.id,
          bpsOff: command.bpsOff,
          endsAt: promotion.endsAt,
          planVersion: version.planVersion,
        },
        actor: command.actor,
        at: now,
      });
      await this.events.emit(manager, [feePlanChanged(version, now)]);
      return promotion;
    });
  }
}
