import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v7 as uuidv7 } from 'uuid';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feePromotionGranted } from '../../fee-plan.events';
import { feeScheduleOf, planInForce } from '../../fee-plan.history';
import { FeePlanRepository, FeePromotion } from '../../fee-plan.repository';

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
 * A temporary discount of `bpsOff` on every channel rate (never below 0 bps), from now for `days`
 * days: an overlay on whatever base plan is in force meanwhile (FeePromotionGranted). It writes no plan
 * version, so an increase taking effect during it is discounted too, and it ends by itself. Promotions
 * do not overlap. Granted and (by the fee-plan job) expired are both audited.
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
      const now = this.clock.now();
      const endsAt = new Date(now.getTime() + command.days * DAY_MS);
      if (await this.feePlans.overlappingPromotion(manager, command.merchantId, now, endsAt)) {
        throw new BusinessRuleError('promotion_active', 'the merchant already has an active promotion', 409);
      }
      const history = await this.feePlans.history(manager, command.merchantId);
      if (!planInForce(feeScheduleOf(history, []), now).version) {
        throw new BusinessRuleError('no_fee_plan', 'the merchant has no fee plan in force', 409);
      }
      const promotion: FeePromotion = {
        id: uuidv7(),
        merchantId: command.merchantId,
        bpsOff: command.bpsOff,
        startsAt: now,
        endsAt,
        state: 'active',
        grantedBy: command.actor,
        reason: command.reason ?? null,
        createdAt: now,
        endedAt: null,
      };
      await this.feePlans.insertPromotion(manager, promotion);
      await this.feePlans.audit(manager, {
        merchantId: command.merchantId,
        action: 'promotion_granted',
        detail: { promotionId: promotion.id, bpsOff: command.bpsOff, startsAt: now, endsAt },
        actor: command.actor,
        at: now,
      });
      await this.events.emit(manager, [feePromotionGranted(promotion, now)]);
      return promotion;
    });
  }
}
