import { InitMerchantRegistry1763900000000 } from './migrations/1763900000000-InitMerchantRegistry';

/** Every migration of merchant-registry, in order. */
export const merchantRegistryMigrations = [InitMerchantRegistry1763900000000];
