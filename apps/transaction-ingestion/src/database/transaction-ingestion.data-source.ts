import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import { transactionIngestionMigrations } from './transaction-ingestion.migrations';

const config = loadConfig(TransactionIngestionConfig);

/** Used by the TypeORM CLI (`nx run transaction-ingestion:migrate`), as the schema owner — the app itself goes through DatabaseModule. */
export default createServiceDataSource({
  url: config.migrationUrl,
  schema: config.DATABASE_SCHEMA,
  applicationName: 'transaction-ingestion-migrations',
  migrations: transactionIngestionMigrations,
});
