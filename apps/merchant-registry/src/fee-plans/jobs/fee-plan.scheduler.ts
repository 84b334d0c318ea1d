import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import type { Logger } from 'pino';
import { MerchantRegistryConfig } from '../../config/merchant-registry.config';
import { ApplyDueFeeChangesUseCase } from '../use-cases/apply-due-fee-changes/apply-due-fee-changes.use-case';
import { ExpirePromotionsUseCase } from '../use-cases/expire-promotions/expire-promotions.use-case';

/**
 * The fee-plan job: every FEE_PLAN_JOB_INTERVAL_MS, applies scheduled fee changes whose date the Clock
 * has reached and ends expired promotions. A plain interval worker rather than a BullMQ repeatable job:
 * both use cases are idempotent and claim rows with SKIP LOCKED, so any number of replicas may tick at
 * once without double effects, and there is no queue state to keep consistent. Ticks never overlap
 * in one process. Runs only where consumers run (RUN_CONSUMERS=true).
 */
@Injectable()
export class FeePlanScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly applyDue: ApplyDueFeeChangesUseCase,
    private readonly expirePromotions: ExpirePromotionsUseCase,
    @Inject(MerchantRegistryConfig) private readonly config: MerchantRegistryConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.pass(), logger, 'fee-plan job failed; retrying next tick');
  }

  onApplicationBootstrap(): void {
    if (this.config.runConsumers) this.task.start(this.config.FEE_PLAN_JOB_INTERVAL_MS);
  }

  /** One pass of the job, or the one in hand (also callable directly, e.g. by tests or an ops endpoint). */
  tick(): Promise<void> {
    return this.task.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async pass(): Promise<void> {
    const applied = await this.applyDue.execute();
    const ended = await this.expirePromotions.execute();
    if (applied + ended > 0) this.logger.info({ applied, ended }, 'fee-plan job applied changes');
  }
}
