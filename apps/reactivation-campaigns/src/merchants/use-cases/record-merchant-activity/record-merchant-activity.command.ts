import type { ActivitySnapshot } from '../../merchant-projections.repository';

/** Store daily activity snapshots (validated) from merchant.activity.v1. */
export class RecordMerchantActivityCommand {
  constructor(readonly snapshots: readonly ActivitySnapshot[]) {}
}
