// Boots after-sales-tickets for the SLA bench (no HTTP listener, no Kafka consumers or relay), with a
// counting TicketEscalation in place of the lifecycle's.
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@merchant-pulse/config';
import { setupHttpApp } from '@merchant-pulse/http';
import { AppModule } from '../../../apps/after-sales-tickets/src/app.module';
import { AfterSalesTicketsConfig } from '../../../apps/after-sales-tickets/src/config/after-sales-tickets.config';
import { EscalationRequest, TicketEscalation } from '../../../apps/after-sales-tickets/src/sla/sla-tracker';

class CountingEscalation extends TicketEscalation {
  count = 0;
  async escalate(_: EscalationRequest): Promise<void> {
    this.count += 1;
  }
}

/** The bench's app: `runJobs` for the worker process, not for the load process. */
export async function bootBenchApp(schema: string, url: string, runJobs: boolean): Promise<INestApplication> {
  const config = loadConfig(AfterSalesTicketsConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    DB_MIGRATE_ON_BOOT: runJobs ? 'false' : 'true',
    RUN_CONSUMERS: 'false',
    RUN_JOBS: String(runJobs),
    QUEUE_PREFIX: `pulse-bench:${schema}`,
    ...(process.env.SLA_TIMER_CONCURRENCY
      ? { SLA_TIMER_CONCURRENCY: process.env.SLA_TIMER_CONCURRENCY }
      : {}),
  });
  // The counting port replaces the lifecycle's TicketEscalation: the bench drives SlaTracker directly.
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(TicketEscalation)
    .useValue(new CountingEscalation())
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true, abortOnError: false });
  setupHttpApp(app, { service: 'after-sales-tickets' });
  await app.init();
  return app;
}
