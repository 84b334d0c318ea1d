import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { NotFoundError } from '../../../shared/domain.errors';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { FeePlanInForceView } from '../../dto/fee-plan.view';
import { feeScheduleOf, planInForce } from '../../fee-plan.history';
import { FeePlanRepository } from '../../fee-plan.repository';
import { presentPlanInForce } from '../../fee-plan.presenter';

/**
 * The merchant's plan in force at an instant (default now), by the same function ingestion prices
 * transactions with: base version by effective date, promotion overlay, compensation waiver.
 */
@Injectable()
export class GetFeePlanInForceUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly feePlans: FeePlanRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: { merchantId: string; at?: Date }): Promise<FeePlanInForceView> {
    if (!(await this.merchants.findMaskedById(query.merchantId))) {
      throw new NotFoundError('merchant', query.merchantId);
    }
    const at = query.at ?? this.clock.now();
    const manager = this.tx.manager;
    const schedule = feeScheduleOf(
      await this.feePlans.history(manager, query.merchantId),
      await this.feePlans.promotions(manager, query.merchantId),
    );
    return presentPlanInForce(at, planInForce(schedule, at));
  }
}
