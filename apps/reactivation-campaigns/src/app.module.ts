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
// --- loyalty: points, membership, idle terminals ---
import { LoyaltyModule } from './loyalty/loyalty.module';
import { MembershipModule } from './membership/membership.module';
import { TerminalFleetModule } from './terminals/terminal-fleet.module';
// --- end loyalty ---
// --- care: return visits, satisfaction surveys, training offers ---
import { CareModule } from './care/care.module';
// --- end care ---

/** Topics the loyalty, membership and idle-terminal modules consume (each with its own consumer group). */
const LOYALTY_TOPICS = [
  Topics.MerchantActivity,
  Topics.MerchantLifecycle,
  Topics.ChurnRisk,
  Topics.TerminalHealth,
];

/** Reactivation campaigns: audiences, holdouts, outreach, conversions; loyalty, membership, idle terminals. */
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
            ...new Set([
              // campaigns-core: projections of what this service knows about merchants
              Topics.ChurnRisk,
              Topics.MerchantActivity,
              Topics.MerchantLifecycle,
              Topics.TerminalHealth,
              Topics.SupportTickets,
              // loyalty, membership, idle terminals (their own consumer groups)
              ...LOYALTY_TOPICS,
              // care: ticket CSAT links (SurveyRequested) delivered through outreach
              Topics.SupportTickets,
            ]),
          ],
        }),
        // campaigns-core
        MerchantsModule,
        // campaigns-outreach
        OutreachModule,
        // loyalty, membership, idle terminals
        LoyaltyModule,
        MembershipModule,
        TerminalFleetModule,
        // care programme
        CareModule,
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
