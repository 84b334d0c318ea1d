import { InitMerchantRegistry1763900000000 } from './migrations/1763900000000-InitMerchantRegistry';
import { CreateRegistryTables1763900000001 } from './migrations/1763900000001-CreateRegistryTables';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';

/** Every migration of merchant-registry, in order. */
export const merchantRegistryMigrations = [
  InitMerchantRegistry1763900000000,
  CreateRegistryTables1763900000001,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
];
