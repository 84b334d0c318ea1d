import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { MerchantRegistryConfig } from './config/merchant-registry.config';
import { merchantRegistryMigrations } from './database/merchant-registry.migrations';
import { RegistryModule } from './registry.module';

/** Merchants, onboarding/KYC, terminals, fee plans, contacts and consent. */
@Module({})
export class AppModule {
  static forRoot(config: MerchantRegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'merchant-registry',
          config,
          schema: config.DATABASE_SCHEMA,
          migrations: merchantRegistryMigrations,
          consumes: [
            Topics.ChurnRisk,
            Topics.SupportTickets,
            Topics.CampaignOutreach,
            Topics.TerminalHealth,
            Topics.MerchantLoyalty,
          ],
        }),
        RegistryModule,
      ],
    };
  }
}
