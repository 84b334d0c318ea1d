import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { RecalculateMembershipsUseCase } from './use-cases/recalculate-memberships/recalculate-memberships.use-case';

/** Recalculates memberships every LOYALTY_JOBS_EVERY_MS on replicas that run consumers. */
@Injectable()
export class MembershipJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: ReactivationCampaignsConfig,
    recalculate: RecalculateMembershipsUseCase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask(() => recalculate.execute(), logger, 'membership recalculation failed');
  }

  onModuleInit(): void {
    if (this.config.runConsumers) this.task.start(this.config.LOYALTY_JOBS_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
