import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { DataSource } from 'typeorm';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import {
  PublishDailyActivitySnapshotsUseCase,
  SNAPSHOT_CLAIM_LIMIT,
} from './use-cases/publish-daily-activity-snapshots/publish-daily-activity-snapshots.use-case';

/**
 * Every SNAPSHOT_INTERVAL_MS, publishes one MerchantDailyActivity per merchant-day changed since the
 * last round, in rounds of at most {@link SNAPSHOT_CLAIM_LIMIT} (one transaction each) paced to stay
 * under SNAPSHOT_MAX_PER_SECOND, until the set is drained. Several instances may run it: claims skip
 * each other's locked marks.
 */
@Injectable()
export class DailyActivitySnapshotPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;
  private stopping = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly publish: PublishDailyActivitySnapshotsUseCase,
    private readonly config: TransactionIngestionConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.flush(), logger, 'daily activity snapshots failed');
  }

  onApplicationBootstrap(): void {
    if (this.config.runConsumers) this.task.start(this.config.SNAPSHOT_INTERVAL_MS);
  }

  /** Stops between rounds: what is still dirty stays marked for the next start (or another instance). */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.task.stop();
  }

  /**
   * Publishes every dirty merchant-day, pacing full rounds so that no more than
   * SNAPSHOT_MAX_PER_SECOND go out per second; returns how many (tests call it directly).
   */
  async flush(): Promise<number> {
    const perSecond = this.config.SNAPSHOT_MAX_PER_SECOND;
    const limit = Math.min(SNAPSHOT_CLAIM_LIMIT, perSecond);
    const started = Date.now();
    let total = 0;
    while (!this.stopping) {
      const claimed = await this.dataSource.transaction((manager) => this.publish.execute(manager, limit));
      total += claimed;
      if (claimed < limit) break;
      const dueMs = started + (total / perSecond) * 1000 - Date.now();
      if (dueMs > 0) await new Promise((resolve) => setTimeout(resolve, dueMs));
    }
    return total;
  }
}
