import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';

/** AfterSalesTickets configuration: environment validated once at boot (a bad value names its key). */
export class AfterSalesTicketsConfig extends ServiceConfig {
  override PORT: number = 3005;
  override DATABASE_SCHEMA: string = 'after_sales';
  override DATABASE_URL: string = localDatabaseUrl('after_sales_app');
}
