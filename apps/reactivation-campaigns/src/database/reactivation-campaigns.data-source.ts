import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { reactivationMigrations } from './reactivation-campaigns.migrations';

const config = loadConfig(ReactivationCampaignsConfig);

/** Used by the TypeORM CLI (`nx run reactivation-campaigns:migrate`), as the schema owner — the app itself goes through DatabaseModule. */
export default createServiceDataSource({
  url: config.migrationUrl,
  schema: config.DATABASE_SCHEMA,
  applicationName: 'reactivation-campaigns-migrations',
  migrations: reactivationMigrations,
});
