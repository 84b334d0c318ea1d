import { InitMerchantRegistry1763900000000 } from './migrations/1763900000000-InitMerchantRegistry';
import { CreateRegistryTables1763900000001 } from './migrations/1763900000001-CreateRegistryTables';

/** Every migration of merchant-registry, in order. */
export const merchantRegistryMigrations = [
  InitMerchantRegistry1763900000000,
  CreateRegistryTables1763900000001,
];
