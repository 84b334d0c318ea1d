import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { feeRatesFromTerms, isRateIncrease } from '@merchant-pulse/fees';
import { MerchantRegistryConfig } from '../../../config/merchant-registry.config';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feeChangeAnnounced, feePlanChanged } from '../../fee-plan.events';
import { cloneTerms, feeScheduleOf, nextPlanVersion, versionReplacedAt } from '../../fee-plan.history';
import { FeePlanRepository, FeePlanVersion } from '../../fee-plan.repository';
import { ScheduleFeeChangeCommand } from './schedule-fee-change.command';

const DAY_MS = 86_400_000;

/**
 * A new version of a merchant's fee plan. A rate increase (any channel rate or the debit cap up) must
 * be announced at least FEE_CHANGE_NOTICE_DAYS before it takes effect: it is stored `scheduled` and
 * FeeChangeAnnounced goes out now; the fee-plan job emits FeePlanChanged when the clock reaches it.
 * Anything else applies at once (FeePlanChanged now) or is scheduled for its future date.
 */
@Injectable()
export class ScheduleFeeChangeUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly feePlans: FeePlanRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
    private readonly config: MerchantRegistryConfig,
  ) {}

  async execute(command: ScheduleFeeChangeCommand): Promise<FeePlanVersion> {
    const newRates = feeRatesFromTerms(command.terms);
    return this.tx.run(async (manager) => {
      if (!(await this.merchants.lockById(manager, command.merchantId))) {
        throw new NotFoundError('merchant', command.merchantId);
      }
      const now = this.clock.now();
      const history = await this.feePlans.history(manager, command.merchantId);
      if (history.some((v) => v.state === 'scheduled')) {
        throw new BusinessRuleError('change_already_scheduled', 'a fee change is already scheduled', 409);
      }
      const effectiveFrom = command.effectiveFrom ?? now;
      // Judged against the base it replaces (promotions are overlays and end by themselves).
      const base = versionReplacedAt(feeScheduleOf(history, []), effectiveFrom);
      const increase = base ? isRateIncrease(feeRatesFromTerms(base.terms), newRates) : false;
      const earliest = new Date(now.getTime() + this.config.FEE_CHANGE_NOTICE_DAYS * DAY_MS);
      if (increase && effectiveFrom < earliest) {
        throw new BusinessRuleError(
          'notice_period_too_short',
          `a rate increase needs ${this.config.FEE_CHANGE_NOTICE_DAYS} days notice: effective from ${earliest.toISOString()} at the earliest`,
        );
      }
      const immediate = effectiveFrom <= now;
      const version: FeePlanVersion = {
        merchantId: command.merchantId,
        planVersion: nextPlanVersion(history),
        feePlanId: command.feePlanId,
        terms: cloneTerms(command.terms),
        previousTerms: base ? cloneTerms(base.terms) : null,
        effectiveFrom,
        announcedAt: increase ? now : null,
        compensation: command.compensation ?? null,
        promotionId: null,
        state: immediate ? 'effective' : 'scheduled',
        appliedAt: immediate ? now : null,
        createdAt: now,
      };
      await this.feePlans.insertVersion(manager, version);
      await this.feePlans.audit(manager, {
        merchantId: command.merchantId,
        action: increase ? 'increase_announced' : immediate ? 'plan_changed' : 'change_scheduled',
        detail: {
          planVersion: version.planVersion,
          terms: version.terms,
          effectiveFrom,
          compensation: version.compensation,
        },
        actor: command.actor,
        at: now,
      });
      const event = increase
        ? feeChangeAnnounced(version, now)
        : immediate
          ? feePlanChanged(version, now)
          : null;
      if (event) await this.events.emit(manager, [event]);
      return version;
    });
  }
}
