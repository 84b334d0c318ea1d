import { Module } from '@nestjs/common';
import { ConsumedOffsetRepository } from './accounting/consumed-offset.repository';
import { IngestLedgerRepository } from './accounting/ingest-ledger.repository';
import { IngestMetrics } from './accounting/ingest.metrics';
import { ReconciliationController } from './accounting/reconciliation.controller';
import { DailyActivityController } from './activity/daily-activity.controller';
import { DailyActivitySnapshotPublisher } from './activity/daily-activity.publisher';
import { DailyActivityRepository } from './activity/daily-activity.repository';
import { PublishDailyActivitySnapshotsUseCase } from './activity/use-cases/publish-daily-activity-snapshots/publish-daily-activity-snapshots.use-case';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { TransactionIngestionConfig } from './config/transaction-ingestion.config';
import { AcquirerSecrets, resolveAcquirerSecrets } from './gateway/acquirer-secrets.resolver';
import { AcquirerTransactionsController } from './gateway/acquirer-transactions.controller';
import { GatewayRedisStore } from './gateway/gateway-redis.store';
import { SubmitTransactionBatchUseCase } from './gateway/use-cases/submit-transaction-batch/submit-transaction-batch.use-case';
import { DeadLetterRecorder } from './dead-letters/dead-letter.recorder';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { RedriveAccounting } from './dead-letters/redrive.accounting';
import { RedriveDeadLettersUseCase } from './dead-letters/use-cases/redrive-dead-letters/redrive-dead-letters.use-case';
import { MaintenanceJob } from './maintenance/maintenance.job';
import { ProjectMerchantLifecycleConsumer } from './merchants/consumers/project-merchant-lifecycle.consumer';
import { MerchantProjectionCache } from './merchants/merchant-projection.cache';
import { MerchantProjectionRepository } from './merchants/merchant-projection.repository';
import { ApplyMerchantLifecycleUseCase } from './merchants/use-cases/apply-merchant-lifecycle/apply-merchant-lifecycle.use-case';
import { DeadLetterOutbox } from './parking/dead-letter.outbox';
import { ParkedTransactionRepository } from './parking/parked-transaction.repository';
import { ExpireParkedTransactionsUseCase } from './parking/use-cases/expire-parked-transactions/expire-parked-transactions.use-case';
import { ReplayParkedTransactionsUseCase } from './parking/use-cases/replay-parked-transactions/replay-parked-transactions.use-case';
import { AfterCommitRegistrar } from './shared/after-commit.registrar';
import { TerminalActivityRepository } from './terminal-health/terminal-activity.repository';
import { TerminalHealthRepository } from './terminal-health/terminal-health.repository';
import { DetectTerminalHealthUseCase } from './terminal-health/use-cases/detect-terminal-health/detect-terminal-health.use-case';
import { IngestRawTransactionsConsumer } from './transactions/consumers/ingest-raw-transactions.consumer';
import { TransactionRepository } from './transactions/transaction.repository';
import { TransactionsController } from './transactions/transactions.controller';
import { IngestTransactionsUseCase } from './transactions/use-cases/ingest-transactions/ingest-transactions.use-case';

/** Everything transaction-ingestion does, over the platform module's providers. */
@Module({
  controllers: [
    AcquirerTransactionsController,
    TransactionsController,
    DailyActivityController,
    ReconciliationController,
    DeadLettersController,
  ],
  providers: [
    AfterCommitRegistrar,
    IngestMetrics,
    IngestLedgerRepository,
    ConsumedOffsetRepository,
    DailyActivityRepository,
    TransactionRepository,
    TerminalActivityRepository,
    TerminalHealthRepository,
    ParkedTransactionRepository,
    MerchantProjectionRepository,
    MerchantProjectionCache,
    DeadLetterOutbox,
    DeadLetterRepository,
    DeadLetterRecorder,
    RedriveAccounting,
    RedriveDeadLettersUseCase,
    GatewayRedisStore,
    {
      provide: AcquirerSecrets,
      inject: [TransactionIngestionConfig, LOGGER],
      useFactory: (config: TransactionIngestionConfig, logger: Logger) =>
        resolveAcquirerSecrets(config, logger),
    },
    IngestTransactionsUseCase,
    ReplayParkedTransactionsUseCase,
    ExpireParkedTransactionsUseCase,
    ApplyMerchantLifecycleUseCase,
    DetectTerminalHealthUseCase,
    SubmitTransactionBatchUseCase,
    IngestRawTransactionsConsumer,
    ProjectMerchantLifecycleConsumer,
    MaintenanceJob,
    PublishDailyActivitySnapshotsUseCase,
    DailyActivitySnapshotPublisher,
  ],
})
export class IngestionModule {}
