import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';
import { EnrolMerchantsCommand } from '../../../enrolment/use-cases/enrol-merchants/enrol-merchants.command';
import { EnrolMerchantsUseCase } from '../../../enrolment/use-cases/enrol-merchants/enrol-merchants.use-case';
import { ExitEnrolmentsUseCase } from '../../../enrolment/use-cases/exit-enrolments/exit-enrolments.use-case';
import { EnrolmentRepository } from '../../../enrolment/enrolment.repository';
import { OutreachScheduler } from '../../../outreach/outreach-scheduler';
import { Campaign, CampaignAction, nextStatus } from '../../campaign';
import { CampaignNotFoundError, CampaignRuleError, CampaignStateError } from '../../campaign.errors';
import { CampaignRepository } from '../../campaign.repository';

/**
 * Moves a campaign along draft → scheduled → running ⇄ paused → completed, audited. Effects:
 * starting a one-off campaign snapshots its audience (enrolment); pausing cancels pending outreach
 * (resuming hands the open enrolments to outreach again); completing ends every open enrolment.
 */
@Injectable()
export class ChangeCampaignStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly enrol: EnrolMerchantsUseCase,
    private readonly exit: ExitEnrolmentsUseCase,
    private readonly clock: Clock,
    @Optional() private readonly outreach?: OutreachScheduler,
  ) {}

  async execute(
    campaignId: string,
    action: CampaignAction,
    actor: string,
    startsAt?: string,
  ): Promise<{ campaign: Campaign; enrolled: number }> {
    return withTransaction(this.dataSource, async (m) => {
      const c = await this.campaigns.lockById(m, campaignId);
      if (!c) throw new CampaignNotFoundError(campaignId);
      const now = this.clock.now();
      const future = startsAt !== undefined && Date.parse(startsAt) > now.getTime();
      const to = nextStatus(c.status, action, future);
      if (!to) throw new CampaignStateError(`cannot ${action} a ${c.status} campaign`);
      if (action === 'launch' && c.steps.length === 0)
        throw new CampaignRuleError('a campaign needs at least one treatment step to launch');
      const iso = now.toISOString();
      const updated: Campaign = {
        ...c,
        status: to,
        startsAt: action === 'launch' ? (startsAt ?? iso) : c.startsAt,
        launchedAt: to === 'running' && !c.launchedAt ? iso : c.launchedAt,
        completedAt: to === 'completed' ? iso : c.completedAt,
        updatedAt: iso,
      };
      await this.campaigns.update(m, updated);
      const enrolled = await this.effects(m, c, updated, action);
      await this.campaigns.appendAudit(m, c.id, {
        actor,
        action,
        fromStatus: c.status,
        toStatus: to,
        changes: { ...(startsAt ? { startsAt } : {}), ...(enrolled > 0 ? { enrolled } : {}) },
        at: iso,
      });
      return { campaign: updated, enrolled };
    });
  }

  private async effects(
    m: EntityManager,
    before: Campaign,
    after: Campaign,
    action: CampaignAction,
  ): Promise<number> {
    if (after.status === 'running' && !before.launchedAt && after.kind === 'one_off') {
      const audience = await this.campaigns.audience(after.audience, this.clock.now(), {}, m);
      return (await this.enrol.execute(m, new EnrolMerchantsCommand(after, audience, 'launch_snapshot')))
        .length;
    }
    if (action === 'pause')
      for (const e of await this.enrolments.openTreatment(m, after.id))
        await this.outreach?.cancel(after.id, e.merchantId, 'campaign_paused');
    if (action === 'resume') await this.enrolments.resetHandOff(m, after.id);
    if (action === 'complete') await this.exit.execute(m, { campaignId: after.id }, 'campaign_completed');
    return 0;
  }
}
