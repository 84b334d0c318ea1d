import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from './config/reactivation-campaigns.config';
import { reactivationMigrations } from './database/reactivation-campaigns.migrations';

/** Reactivation campaigns: audiences, holdouts, outreach, conversions. */
@Module({})
export class AppModule {
  static forRoot(config: ReactivationCampaignsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'reactivation-campaigns',
          config,
          schema: config.DATABASE_SCHEMA,
          migrations: reactivationMigrations,
        }),
      ],
    };
  }
}
