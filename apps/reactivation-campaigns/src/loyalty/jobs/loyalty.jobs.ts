import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';
import { ExpirePointsUseCase } from '../use-cases/expire-points/expire-points.use-case';
import { ReconcileRedemptionsUseCase } from '../use-cases/reconcile-redemptions/reconcile-redemptions.use-case';

/**
 * The points programme's time-driven work: expiry (idempotent per merchant and day) and the
 * redemption reconciler, every LOYALTY_JOBS_EVERY_MS on replicas that run consumers.
 */
@Injectable()
export class LoyaltyJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: ReactivationCampaignsConfig,
    expire: ExpirePointsUseCase,
    reconcile: ReconcileRedemptionsUseCase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask(
      async () => {
        await reconcile.execute();
        await expire.execute();
      },
      logger,
      'loyalty job failed',
    );
  }

  onModuleInit(): void {
    if (this.config.runConsumers) this.task.start(this.config.LOYALTY_JOBS_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
