import { InitTransactionIngestion1763900000001 } from './migrations/1763900000001-InitTransactionIngestion';
import { CreateIngestionTables1763900000002 } from './migrations/1763900000002-CreateIngestionTables';
import { AddDailyActivityDirtySet1763900000003 } from './migrations/1763900000003-AddDailyActivityDirtySet';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';

/** Every migration of transaction-ingestion, in order. */
export const transactionIngestionMigrations = [
  InitTransactionIngestion1763900000001,
  CreateIngestionTables1763900000002,
  AddDailyActivityDirtySet1763900000003,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
];
