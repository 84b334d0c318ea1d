import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { AfterSalesTicketsConfig } from './config/after-sales-tickets.config';
import { afterSalesMigrations } from './database/after-sales-tickets.migrations';
// --- tickets-core: lifecycle, routing, proactive/verified, field visits, surveys ---
import { TicketsModule } from './tickets/tickets.module';
// --- tickets-sla: the SLA engine ---
import { SlaModule } from './sla/sla.module';

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
          // tickets-core: terminal health (proactive, verified), activity (verified), churn risk and
          // membership (SLA facts), campaign outreach (fix-first hand-over).
          consumes: [
            Topics.TerminalHealth,
            Topics.MerchantActivity,
            Topics.ChurnRisk,
            Topics.CampaignOutreach,
            Topics.MerchantLoyalty,
          ],
        }),
        // --- tickets-core ---
        TicketsModule,
        // --- tickets-sla: SlaTracker → SlaEngine (global), BullMQ timers, sweep, reports, SLA admin ---
        SlaModule,
      ],
    };
  }
}
