import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DEFAULT_TIMEZONE, EventOf } from '@merchant-pulse/contracts';
import { feeRatesFromTerms, FeePlanVersionTerms } from '@merchant-pulse/fees';
import { EntityManager } from 'typeorm';
import { CampaignRepository } from '../../../campaigns/campaign.repository';
import { MerchantContextRepository } from '../../../merchants/merchant-context.repository';
import { MerchantProjectionsRepository } from '../../../merchants/merchant-projections.repository';
import { compareFeeChange, compensationText } from '../../fee-change-comparison';
import { EnrolMerchantsCommand } from '../enrol-merchants/enrol-merchants.command';
import { EnrolMerchantsUseCase } from '../enrol-merchants/enrol-merchants.use-case';

/** Days of activity a notice's cost comparison is priced on (the merchant's own recent month). */
export const FEE_NOTICE_WINDOW_DAYS = 30;

/**
 * FeeChangeAnnounced → enrolment in every running fee-change-notice campaign whose audience holds the
 * merchant, with variables comparing the old and new cost of the merchant's own last 30 days of
 * purchases (per channel), the effective date and the compensation. Notices are service messages.
 */
@Injectable()
export class EnrolOnFeeChangeUseCase {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly projections: MerchantProjectionsRepository,
    private readonly contexts: MerchantContextRepository,
    private readonly enrol: EnrolMerchantsUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(m: EntityManager, events: ReadonlyArray<EventOf<'FeeChangeAnnounced'>>): Promise<number> {
    const running = await this.campaigns.running(m, 'fee_change_notice');
    if (running.length === 0 || events.length === 0) return 0;
    const now = this.clock.now();
    const candidates = [];
    for (const e of events)
      candidates.push({ merchantId: e.merchantId, variables: await this.variables(m, e, now) });
    let enrolled = 0;
    for (const campaign of running) {
      const inAudience = await this.campaigns.audience(
        campaign.audience,
        now,
        { onlyMerchantIds: candidates.map((c) => c.merchantId) },
        m,
      );
      const days = new Map(inAudience.map((a) => [a.merchantId, a.daysInactive]));
      const picked = candidates
        .filter((c) => days.has(c.merchantId))
        .map((c) => ({ ...c, daysInactive: days.get(c.merchantId) ?? null }));
      enrolled += (
        await this.enrol.execute(m, new EnrolMerchantsCommand(campaign, picked, 'fee_change_announced'))
      ).length;
    }
    return enrolled;
  }

  private async variables(
    m: EntityManager,
    e: EventOf<'FeeChangeAnnounced'>,
    now: Date,
  ): Promise<Record<string, string | number>> {
    const p = e.payload;
    const timezone =
      (await this.contexts.readMany([e.merchantId], m)).get(e.merchantId)?.timezone ?? DEFAULT_TIMEZONE;
    const localToday = now.toLocaleDateString('en-CA', { timeZone: timezone });
    const totals = await this.projections.channelTotals(m, e.merchantId, localToday, FEE_NOTICE_WINDOW_DAYS);
    const stored = await this.projections.feePlanVersions(m, e.merchantId);
    const versions: FeePlanVersionTerms[] = stored.map((v) => ({
      planVersion: v.planVersion,
      effectiveFromMs: Date.parse(v.effectiveFrom),
      rates: feeRatesFromTerms(v.terms),
      compensation: v.compensation,
    }));
    // The announcement states the terms in force now: they stand in when no version was projected here.
    if (versions.length === 0)
      versions.push({
        planVersion: p.planVersion - 1,
        effectiveFromMs: 0,
        rates: feeRatesFromTerms(p.currentTerms),
      });
    const announced: FeePlanVersionTerms = {
      planVersion: p.planVersion,
      effectiveFromMs: Date.parse(p.effectiveFrom),
      rates: feeRatesFromTerms(p.newTerms),
      compensation: p.compensation ?? null,
    };
    const c = compareFeeChange(totals, versions, announced, now.getTime());
    return {
      windowDays: FEE_NOTICE_WINDOW_DAYS,
      volumeMinor: c.volumeMinor,
      oldFeeMinor: c.oldFeeMinor,
      newFeeMinor: c.newFeeMinor,
      increaseMinor: c.increaseMinor,
      firstPeriodChargedMinor: c.firstPeriodChargedMinor,
      rateChanges: c.rateChanges,
      effectiveDate: new Date(p.effectiveFrom).toLocaleDateString('en-CA', { timeZone: timezone }),
      compensation: compensationText(p.compensation),
      feePlanVersion: p.planVersion,
    };
  }
}
