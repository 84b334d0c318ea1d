import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { pruneInbox, pruneOutbox } from '@merchant-pulse/kafka';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { DataSource } from 'typeorm';
import { PeriodicTask } from './periodic-task';
import { ServiceConfig } from './service.config';

const HOUR_MS = 3_600_000;

/**
 * Keeps the outbox and the inbox bounded: every MESSAGING_PRUNE_INTERVAL_MS deletes outbox rows
 * published more than OUTBOX_RETENTION_HOURS ago and inbox entries older than INBOX_RETENTION_HOURS,
 * each in bounded batches (several instances skip each other's rows). Runs where consumers run.
 */
@Injectable()
export class MessagingRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ServiceConfig) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.runOnce(), logger, 'outbox/inbox pruning failed');
  }

  onApplicationBootstrap(): void {
    if (this.config.runConsumers) this.task.start(this.config.MESSAGING_PRUNE_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One pass (tests call it directly); returns the rows deleted from each table. */
  async runOnce(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await pruneOutbox(this.dataSource, {
      retentionMs: this.config.OUTBOX_RETENTION_HOURS * HOUR_MS,
    });
    const inbox = await pruneInbox(this.dataSource, {
      retentionMs: this.config.INBOX_RETENTION_HOURS * HOUR_MS,
    });
    if (outbox + inbox > 0)
      this.logger.info({ outbox, inbox }, 'pruned published outbox rows and old inbox entries');
    return { outbox, inbox };
  }
}
