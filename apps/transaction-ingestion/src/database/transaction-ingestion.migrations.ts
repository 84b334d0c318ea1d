import { InitTransactionIngestion1763900000001 } from './migrations/1763900000001-InitTransactionIngestion';

/** Every migration of transaction-ingestion, in order. */
export const transactionIngestionMigrations = [InitTransactionIngestion1763900000001];
