import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { DataSource } from 'typeorm';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import {
  PublishDailyActivitySnapshotsUseCase,
  SNAPSHOT_CLAIM_LIMIT,
} from './use-cases/publish-daily-activity-snapshots/publish-daily-activity-snapshots.use-case';

/**
 * Every SNAPSHOT_INTERVAL_MS, publishes one MerchantDailyActivity per merchant-day changed since the
 * last round (rounds of {@link SNAPSHOT_CLAIM_LIMIT}, one transaction each, until the set is drained).
 * Several instances may run it: claims skip each other's locked marks.
 */
@Injectable()
export class DailyActivitySnapshotPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly publish: PublishDailyActivitySnapshotsUseCase,
    private readonly config: TransactionIngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runConsumers) return;
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.flush()
          .then(() => undefined)
          .catch((err: unknown) => this.logger.error({ err }, 'daily activity snapshots failed'))
          .finally(() => (this.running = undefined));
    }, this.config.SNAPSHOT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Publishes every dirty merchant-day; returns how many (tests call it directly). */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction((manager) => this.publish.execute(manager));
      total += claimed;
      if (claimed < SNAPSHOT_CLAIM_LIMIT) return total;
    }
  }
}
