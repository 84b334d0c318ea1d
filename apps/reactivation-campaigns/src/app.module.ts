import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from './config/reactivation-campaigns.config';
import { reactivationMigrations } from './database/reactivation-campaigns.migrations';
// --- campaigns-core: merchants, campaigns, enrolment, results ---
import { CAMPAIGN_PROVIDERS, CampaignsController } from './campaigns/campaigns.providers';
import { MerchantEventHooks } from './merchants/merchant-event.hooks';
import { MERCHANT_CONSUMER_PROVIDERS, MerchantsModule } from './merchants/merchants.module';
import { EnrolmentHooks } from './enrolment/enrolment.hooks';
// --- end campaigns-core ---
// --- campaigns-outreach: outreach, channels, offers ---
import { OutreachModule } from './outreach/outreach.module';
// --- end campaigns-outreach ---

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
          consumes: [
            // campaigns-core: projections of what this service knows about merchants
            Topics.ChurnRisk,
            Topics.MerchantActivity,
            Topics.MerchantLifecycle,
            Topics.TerminalHealth,
            Topics.SupportTickets,
          ],
        }),
        // campaigns-core
        MerchantsModule,
        // campaigns-outreach
        OutreachModule,
      ],
      controllers: [
        // campaigns-core
        CampaignsController,
      ],
      providers: [
        // --- campaigns-core: merchants, campaigns, enrolment, results ---
        ...MERCHANT_CONSUMER_PROVIDERS,
        ...CAMPAIGN_PROVIDERS,
        { provide: MerchantEventHooks, useExisting: EnrolmentHooks },
        // --- end campaigns-core ---
      ],
    };
  }
}
