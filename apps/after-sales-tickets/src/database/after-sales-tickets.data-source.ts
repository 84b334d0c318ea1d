import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { AfterSalesTicketsConfig } from '../config/after-sales-tickets.config';
import { afterSalesMigrations } from './after-sales-tickets.migrations';

const config = loadConfig(AfterSalesTicketsConfig);

/** Used by the TypeORM CLI (`nx run after-sales-tickets:migrate`), as the schema owner — the app itself goes through DatabaseModule. */
export default createServiceDataSource({
  url: config.migrationUrl,
  schema: config.DATABASE_SCHEMA,
  applicationName: 'after-sales-tickets-migrations',
  migrations: afterSalesMigrations,
});
