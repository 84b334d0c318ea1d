import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { AfterSalesTicketsConfig } from './config/after-sales-tickets.config';
import { afterSalesMigrations } from './database/after-sales-tickets.migrations';

/** After-sales tickets: SLA timers, assignment, escalation, surveys. */
@Module({})
export class AppModule {
  static forRoot(config: AfterSalesTicketsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'after-sales-tickets',
          config,
          schema: config.DATABASE_SCHEMA,
          migrations: afterSalesMigrations,
        }),
      ],
    };
  }
}
