import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { MerchantRegistryConfig } from '../config/merchant-registry.config';
import { merchantRegistryMigrations } from './merchant-registry.migrations';

const config = loadConfig(MerchantRegistryConfig);

/** Used by the TypeORM CLI (`nx run merchant-registry:migrate`), as the schema owner — the app itself goes through DatabaseModule. */
export default createServiceDataSource({
  url: config.migrationUrl,
  schema: config.DATABASE_SCHEMA,
  applicationName: 'merchant-registry-migrations',
  migrations: merchantRegistryMigrations,
});
