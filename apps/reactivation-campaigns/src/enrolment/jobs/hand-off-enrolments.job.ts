import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { Campaign } from '../../campaigns/campaign';
import { CampaignRepository } from '../../campaigns/campaign.repository';
import { ChangeCampaignStatusUseCase } from '../../campaigns/use-cases/change-campaign-status/change-campaign-status.use-case';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';
import { EnrolledMerchant, OutreachScheduler } from '../../outreach/outreach-scheduler';
import { EnrolmentRepository } from '../enrolment.repository';

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Every CAMPAIGN_HANDOFF_INTERVAL_MS: starts scheduled campaigns whose time came, then hands COMMITTED
 * treatment enrolments of running campaigns to {@link OutreachScheduler.schedule} (idempotent there:
 * deterministic job ids), marking them handed off. Holdout enrolments are never handed off. Runs where
 * consumers run; without an OutreachScheduler bound it only starts campaigns.
 */
@Injectable()
export class HandOffEnrolmentsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly campaigns: CampaignRepository,
    private readonly changeStatus: ChangeCampaignStatusUseCase,
    private readonly config: ReactivationCampaignsConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Optional() private readonly outreach?: OutreachScheduler,
  ) {
    this.task = new PeriodicTask(
      () => this.runOnce(),
      logger,
      'campaign hand-off failed; retrying next tick',
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.runConsumers) this.task.start(this.config.CAMPAIGN_HANDOFF_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One pass now (tests and the demo call it); returns campaigns started and enrolments handed off. */
  async runOnce(): Promise<{ started: number; handedOff: number }> {
    const due = await this.campaigns.dueToStart(this.clock.now());
    for (const id of due) await this.changeStatus.execute(id, 'start', 'system');
    if (!this.outreach) return { started: due.length, handedOff: 0 };
    let handedOff = 0;
    for (;;) {
      const pending = await this.enrolments.pendingHandOff(BATCH);
      if (pending.length === 0) break;
      const campaigns = new Map<string, Campaign | null>();
      const batch: EnrolledMerchant[] = [];
      for (const e of pending) {
        if (!campaigns.has(e.campaignId))
          campaigns.set(e.campaignId, await this.campaigns.findById(e.campaignId));
        const campaign = campaigns.get(e.campaignId);
        if (!campaign) continue;
        const enrolledAt = new Date(e.enrolledAt);
        const enrolment: EnrolledMerchant = {
          enrolmentId: e.id,
          campaignId: e.campaignId,
          merchantId: e.merchantId,
          arm: e.arm,
          enrolledAt,
          steps: e.arm === 'treatment' ? campaign.steps : [],
          validUntil: new Date(enrolledAt.getTime() + campaign.attributionDays * DAY_MS),
          variables: e.variables,
        };
        batch.push(enrolment);
      }
      await this.outreach.scheduleMany(batch);
      await this.enrolments.markHandedOff(
        pending.map((e) => e.id),
        this.clock.now().toISOString(),
      );
      handedOff += pending.length;
      if (pending.length < BATCH) break;
    }
    return { started: due.length, handedOff };
  }
}
