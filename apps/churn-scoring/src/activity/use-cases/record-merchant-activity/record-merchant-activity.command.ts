import type { ActivitySnapshot } from '../../merchant-activity.repository';

/** Record a batch of MerchantDailyActivity snapshots (any order, duplicates allowed). */
export class RecordMerchantActivityCommand {
  constructor(readonly snapshots: readonly ActivitySnapshot[]) {}
}
