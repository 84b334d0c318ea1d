import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from './config/reactivation-campaigns.config';
import { reactivationMigrations } from './database/reactivation-campaigns.migrations';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { MembershipModule } from './membership/membership.module';
import { TerminalFleetModule } from './terminals/terminal-fleet.module';

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
          consumes: [...new Set([...LOYALTY_TOPICS])],
        }),
        // ── loyalty, membership, idle terminals (h/loyalty) ──
        LoyaltyModule,
        MembershipModule,
        TerminalFleetModule,
      ],
    };
  }
}
