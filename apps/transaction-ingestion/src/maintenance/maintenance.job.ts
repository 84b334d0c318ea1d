import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { ExpireParkedTransactionsUseCase } from '../parking/use-cases/expire-parked-transactions/expire-parked-transactions.use-case';
import { ReplayParkedTransactionsUseCase } from '../parking/use-cases/replay-parked-transactions/replay-parked-transactions.use-case';
import { DetectTerminalHealthUseCase } from '../terminal-health/use-cases/detect-terminal-health/detect-terminal-health.use-case';

/** Advisory lock ids: one instance at a time runs each task. */
const LOCKS = { parking: 74_201, health: 74_202, partitions: 74_203 } as const;
/** Months of partitions created ahead of the Clock. */
const MONTHS_AHEAD = 3;

/**
 * Periodic work by the Clock: replays parked transactions whose merchant arrived (covers the race
 * with MerchantRegistered), dead-letters expired ones, runs the terminal health detector, creates the
 * coming months' partitions and drops those past retention. Each task runs in its own transaction
 * under an advisory lock, so several instances never do the same work twice.
 */
@Injectable()
export class MaintenanceJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly replay: ReplayParkedTransactionsUseCase,
    private readonly expire: ExpireParkedTransactionsUseCase,
    private readonly health: DetectTerminalHealthUseCase,
    private readonly config: TransactionIngestionConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    private readonly deadLetters: DeadLetterRepository,
  ) {
    this.task = new PeriodicTask(() => this.runOnce(), logger, 'maintenance failed');
  }

  onApplicationBootstrap(): void {
    if (this.config.runConsumers) this.task.start(this.config.MAINTENANCE_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Every task once (tests call it directly). */
  async runOnce(): Promise<void> {
    await this.locked(LOCKS.parking, async (m) => {
      await this.replay.execute(m);
      await this.expire.execute(m);
    });
    await this.locked(LOCKS.health, (m) => this.health.execute(m));
    await this.locked(LOCKS.partitions, (m) => this.maintainPartitions(m));
  }

  /**
   * Creates this month and MONTHS_AHEAD more; drops partitions wholly older than RETENTION_MONTHS, and
   * the stored dead letters first seen before the same cutoff (a batch per round).
   */
  async maintainPartitions(manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const cutoff = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - this.config.RETENTION_MONTHS, 1),
    );
    await manager.query(`SELECT ensure_transaction_partitions($1::date, $2)`, [
      month.toISOString().slice(0, 10),
      MONTHS_AHEAD + 1,
    ]);
    await manager.query(`SELECT drop_transaction_partitions_before($1::date)`, [
      cutoff.toISOString().slice(0, 10),
    ]);
    await this.deadLetters.pruneBefore(manager, cutoff);
  }

  private async locked(lock: number, work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [lock])) as Array<{
        ok: boolean;
      }>;
      if (row.ok) await work(manager);
    });
  }
}
