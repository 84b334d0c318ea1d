// Builders for the after-sales-tickets integration tests: valid events and a booted app.
import { INestApplication } from '@nestjs/common';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { createEvent, EVENT_EXAMPLES, EventOf, TerminalHealthKind } from '@merchant-pulse/contracts';
import { startTestApp, testServiceEnv } from '@merchant-pulse/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { AfterSalesTicketsConfig } from '../src/config/after-sales-tickets.config';

/** API keys of the suite: an agent (read/write), a reader and an admin. */
export const KEYS = {
  agent: { id: 'agent-console', secret: 'tickets-agent-secret', scopes: ['tickets:read', 'tickets:write'] },
  reader: { id: 'reader', secret: 'tickets-reader-secret', scopes: ['tickets:read'] },
  admin: { id: 'tickets-admin', secret: 'tickets-admin-secret', scopes: ['tickets:admin', 'tickets:read'] },
};

/** Boots the real app (HTTP, Kafka consumers, outbox relay) on a settable clock starting at `clockStart`. */
export async function bootApp(
  schema: string,
  prefix: string,
  clockStart: string,
): Promise<{ app: INestApplication; clock: SettableClock; storageDir: string }> {
  const storageDir = mkdtempSync(join(tmpdir(), 'tickets-objects-'));
  const config = loadConfig(
    AfterSalesTicketsConfig,
    testServiceEnv({
      schema,
      topicPrefix: prefix,
      extraKeys: Object.values(KEYS),
      env: {
        CLOCK_START: clockStart,
        OBJECT_STORAGE_DIR: storageDir,
        TICKET_GAUGE_INTERVAL_MS: '1000',
        // One BullMQ namespace per suite: SLA timer workers of other runs must not take its jobs.
        QUEUE_PREFIX: `pulse-test:${schema}`,
      },
    }),
  );
  const app = await startTestApp(AppModule.forRoot(config), 'after-sales-tickets');
  return { app, clock: app.get(Clock) as SettableClock, storageDir };
}

/** A TerminalHealthDegraded event. */
export function degraded(
  merchantId: string,
  terminalId: string,
  at: string,
  kind: TerminalHealthKind = 'card_read_failures',
  rate = 0.35,
): EventOf<'TerminalHealthDegraded'> {
  return createEvent('TerminalHealthDegraded', {
    merchantId,
    producer: 'transaction-ingestion',
    occurredAt: at,
    payload: {
      terminalId,
      kind,
      rate: kind === 'silent' ? 0 : rate,
      sampleSize: kind === 'silent' ? 0 : 40,
      windowMinutes: 30,
      ...(kind === 'silent' ? {} : { threshold: 0.15 }),
      since: new Date(new Date(at).getTime() - 30 * 60_000).toISOString(),
      lastTransactionAt: at,
    },
  });
}

/** A TerminalHealthRecovered event. */
export function recovered(
  merchantId: string,
  terminalId: string,
  at: string,
): EventOf<'TerminalHealthRecovered'> {
  return createEvent('TerminalHealthRecovered', {
    merchantId,
    producer: 'transaction-ingestion',
    occurredAt: at,
    payload: {
      terminalId,
      kind: 'card_read_failures',
      rate: 0.02,
      sampleSize: 50,
      windowMinutes: 30,
      threshold: 0.15,
      since: at,
      recoveredAt: at,
    },
  });
}

/** A MerchantDailyActivity snapshot (the contract's example: 3 approved) whose last approved purchase is `lastApprovedAt`. */
export function activity(
  merchantId: string,
  date: string,
  lastApprovedAt: string,
): EventOf<'MerchantDailyActivity'> {
  return createEvent('MerchantDailyActivity', {
    merchantId,
    producer: 'transaction-ingestion',
    occurredAt: lastApprovedAt,
    payload: {
      ...EVENT_EXAMPLES.MerchantDailyActivity,
      date,
      firstApprovedAt: lastApprovedAt,
      lastApprovedAt,
      asOf: lastApprovedAt,
    },
  });
}

/** A FixFirstRequested event of reactivation-campaigns (a promotion held until the merchant's device works). */
export function fixFirst(
  merchantId: string,
  terminalId: string,
  at: string,
  requestId = `FF-${merchantId}`,
): EventOf<'FixFirstRequested'> {
  return createEvent('FixFirstRequested', {
    merchantId,
    producer: 'reactivation-campaigns',
    occurredAt: at,
    payload: {
      requestId,
      campaignId: 'CMP-winback',
      category: 'card_read_failure',
      openTicketIds: [],
      degradedTerminalIds: [terminalId],
      summary: '刷卡失败率高，先修复设备再推送优惠',
      requestedAt: at,
    },
  });
}
