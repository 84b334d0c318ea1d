import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { TransactionIngestionConfig } from './config/transaction-ingestion.config';
import { transactionIngestionMigrations } from './database/transaction-ingestion.migrations';
import { IngestionModule } from './ingestion.module';

/** Raw acquirer transactions: validation, dedupe, fees, daily activity, terminal health. */
@Module({})
export class AppModule {
  static forRoot(config: TransactionIngestionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'transaction-ingestion',
          config,
          schema: config.DATABASE_SCHEMA,
          migrations: transactionIngestionMigrations,
          consumes: [Topics.AcquirerTransactions, Topics.MerchantLifecycle],
        }),
        IngestionModule,
      ],
    };
  }
}
