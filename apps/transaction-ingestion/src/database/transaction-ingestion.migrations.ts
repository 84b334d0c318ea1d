import { InitTransactionIngestion1763900000001 } from './migrations/1763900000001-InitTransactionIngestion';
import { CreateIngestionTables1763900000002 } from './migrations/1763900000002-CreateIngestionTables';
import { AddDailyActivityDirtySet1763900000003 } from './migrations/1763900000003-AddDailyActivityDirtySet';
import { PartitionFunctionsRunAsOwner1764600000000 } from './migrations/1764600000000-PartitionFunctionsRunAsOwner';
import { RefundsAwaitingOriginals1764600000100 } from './migrations/1764600000100-RefundsAwaitingOriginals';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { AddOffsetFenceFingerprint1796140000001 } from './migrations/1796140000001-AddOffsetFenceFingerprint';
import { AddFeePlanOverlays1796140083805 } from './migrations/1796140083805-AddFeePlanOverlays';
import { CreateDeadLetters1798600000000 } from './migrations/1798600000000-CreateDeadLetters';

/** Every migration of transaction-ingestion, in order. */
export const transactionIngestionMigrations = [
  InitTransactionIngestion1763900000001,
  CreateIngestionTables1763900000002,
  AddDailyActivityDirtySet1763900000003,
  PartitionFunctionsRunAsOwner1764600000000,
  RefundsAwaitingOriginals1764600000100,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  AddOffsetFenceFingerprint1796140000001,
  AddFeePlanOverlays1796140083805,
  CreateDeadLetters1798600000000,
];
