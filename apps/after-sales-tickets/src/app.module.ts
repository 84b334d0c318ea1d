import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { AfterSalesTicketsConfig } from './config/after-sales-tickets.config';
import { afterSalesMigrations } from './database/after-sales-tickets.migrations';
import { slaControllers, slaProviders } from './sla/sla.providers';

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
      controllers: [
        // SLA engine (sla/)
        ...slaControllers,
      ],
      providers: [
        // SLA engine (sla/): SlaTracker → SlaEngine, BullMQ timers, sweep, reports
        ...slaProviders,
      ],
    };
  }
}
