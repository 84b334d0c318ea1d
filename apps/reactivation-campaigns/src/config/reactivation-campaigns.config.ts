import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';

/** ReactivationCampaigns configuration: environment validated once at boot (a bad value names its key). */
export class ReactivationCampaignsConfig extends ServiceConfig {
  override PORT: number = 3004;
  override DATABASE_SCHEMA: string = 'reactivation';
  override DATABASE_URL: string = localDatabaseUrl('reactivation_app');
}
