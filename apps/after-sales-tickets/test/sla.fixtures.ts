// Builders for the SLA integration tests: a booted app on a settable clock with a recording escalation port.
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { setupHttpApp } from '@merchant-pulse/http';
import { testInfra, testServiceEnv, TEST_ADMIN_SECRET } from '@merchant-pulse/testing';
import { AppModule } from '../src/app.module';
import { AfterSalesTicketsConfig } from '../src/config/after-sales-tickets.config';
import { EscalationRequest, SlaTicket, SlaTracker, TicketEscalation } from '../src/sla/sla-tracker';

export const SECRET = TEST_ADMIN_SECRET;

/** The escalation port as the ticket lifecycle will implement it, reduced to a record of the calls. */
export class RecordingEscalation extends TicketEscalation {
  readonly calls: EscalationRequest[] = [];
  async escalate(request: EscalationRequest): Promise<void> {
    this.calls.push(request);
  }
  of(ticketId: string): EscalationRequest[] {
    return this.calls.filter((c) => c.ticketId === ticketId);
  }
}

/** Boots the real app (HTTP, relay, BullMQ worker and sweep) on a settable clock from `clockStart`, with `escalation` as the TicketEscalation port. */
export async function bootSlaApp(
  schema: string,
  topicPrefix: string,
  clockStart: string,
  escalation: TicketEscalation,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; clock: SettableClock; tracker: SlaTracker }> {
  const config = loadConfig(
    AfterSalesTicketsConfig,
    testServiceEnv({
      schema,
      topicPrefix,
      env: {
        CLOCK_START: clockStart,
        QUEUE_PREFIX: `pulse-test:${schema}`,
        SLA_SWEEP_INTERVAL_MS: '200',
        REDIS_URL: testInfra.redisUrl,
        ...env,
      },
    }),
  );
  // The recording port replaces the lifecycle's TicketEscalation: these tests drive SlaTracker directly.
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(TicketEscalation)
    .useValue(escalation)
    .compile();
  const app = moduleRef.createNestApplication({ rawBody: true, bufferLogs: true, abortOnError: false });
  setupHttpApp(app, { service: 'after-sales-tickets' });
  await app.init();
  return { app, clock: app.get(Clock) as SettableClock, tracker: app.get(SlaTracker) };
}

/** A ticket for {@link SlaTracker.opened}. */
export function slaTicket(ticketId: string, openedAt: string, overrides: Partial<SlaTicket> = {}): SlaTicket {
  return {
    ticketId,
    merchantId: `M-${ticketId}`,
    category: 'other',
    channel: 'phone',
    requestedPriority: 'normal',
    teamId: 'team-general',
    openedAt: new Date(openedAt),
    ...overrides,
  };
}

export const noFacts = { valueTier: null, behaviourTier: null, riskBand: null };
