import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import type { AnyEvent, EventOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { MerchantEventHooks } from '../merchants/merchant-event.hooks';
import type { ActivitySnapshot } from '../merchants/merchant-projections.repository';
import { RecordConversionsUseCase } from '../results/use-cases/record-conversions/record-conversions.use-case';
import { EnrolMerchantsCommand } from './use-cases/enrol-merchants/enrol-merchants.command';
import { EnrolMerchantsUseCase } from './use-cases/enrol-merchants/enrol-merchants.use-case';
import { EnrolOnFeeChangeUseCase } from './use-cases/enrol-on-fee-change/enrol-on-fee-change.use-case';
import { ExitEnrolmentsUseCase } from './use-cases/exit-enrolments/exit-enrolments.use-case';

/**
 * Whether a status change ends a merchant's open enrolments: it leaves `active` (suspended, closed) or
 * closes the merchant. Onboarding steps (submitted → under_review → approved → active, rejected) do not:
 * the projection can learn them after the merchant was enrolled (a consumer behind the registry), and a
 * merchant not active at send time is skipped there, by the registry's own answer.
 */
export function endsEnrolments(change: { from: string; to: string }): boolean {
  if (change.to === 'active') return false;
  return change.from === 'active' || change.to === 'closed';
}

/**
 * What campaigns do with projected merchant facts, in the consumer's transaction:
 * - MerchantRiskChanged → enrolment in running triggered campaigns whose audience now holds the merchant;
 * - MerchantStatusChanged away from `active`, or to `closed` → exit (outreach cancelled; see
 *   {@link endsEnrolments});
 * - FeeChangeAnnounced → fee-change notices;
 * - activity → conversions (results/).
 */
@Injectable()
export class EnrolmentHooks extends MerchantEventHooks {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly enrol: EnrolMerchantsUseCase,
    private readonly exit: ExitEnrolmentsUseCase,
    private readonly feeNotices: EnrolOnFeeChangeUseCase,
    private readonly conversions: RecordConversionsUseCase,
    private readonly clock: Clock,
  ) {
    super();
  }

  async afterRiskChanged(
    m: EntityManager,
    events: ReadonlyArray<EventOf<'MerchantRiskChanged'>>,
  ): Promise<void> {
    const running = await this.campaigns.running(m, 'triggered');
    if (running.length === 0) return;
    const merchantIds = [...new Set(events.map((e) => e.merchantId))];
    const now = this.clock.now();
    for (const campaign of running) {
      const inAudience = await this.campaigns.audience(
        campaign.audience,
        now,
        { onlyMerchantIds: merchantIds },
        m,
      );
      await this.enrol.execute(m, new EnrolMerchantsCommand(campaign, inAudience, 'risk_changed'));
    }
  }

  async afterLifecycle(m: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    for (const e of events)
      if (e.type === 'MerchantStatusChanged' && endsEnrolments(e.payload))
        await this.exit.execute(m, { merchantId: e.merchantId }, 'status_changed');
    const announced = events.filter(
      (e): e is EventOf<'FeeChangeAnnounced'> => e.type === 'FeeChangeAnnounced',
    );
    if (announced.length > 0) await this.feeNotices.execute(m, announced);
  }

  async afterActivity(m: EntityManager, snapshots: readonly ActivitySnapshot[]): Promise<void> {
    await this.conversions.execute(m, snapshots);
  }
}
