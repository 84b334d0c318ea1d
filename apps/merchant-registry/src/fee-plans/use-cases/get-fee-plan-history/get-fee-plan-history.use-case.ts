import { Injectable } from '@nestjs/common';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { NotFoundError } from '../../../shared/domain.errors';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { FeePlanHistoryView } from '../../dto/fee-plan.view';
import { feeScheduleOf, periodsNewestFirst } from '../../fee-plan.history';
import { FeePlanRepository } from '../../fee-plan.repository';
import { presentPeriod, presentPromotion } from '../../fee-plan.presenter';

/**
 * The merchant's plan history: base versions newest effective date first, each with the period it is
 * in force and its fee waiver (by the shared fee-plan function), the promotions, and the audit trail.
 */
@Injectable()
export class GetFeePlanHistoryUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly feePlans: FeePlanRepository,
  ) {}

  async execute(merchantId: string): Promise<FeePlanHistoryView> {
    if (!(await this.merchants.findMaskedById(merchantId))) throw new NotFoundError('merchant', merchantId);
    const manager = this.tx.manager;
    const promotions = await this.feePlans.promotions(manager, merchantId);
    const schedule = feeScheduleOf(await this.feePlans.history(manager, merchantId), promotions);
    return {
      versions: periodsNewestFirst(schedule).map(presentPeriod),
      promotions: promotions.map(presentPromotion),
      audit: await this.feePlans.auditOf(manager, merchantId),
    };
  }
}
