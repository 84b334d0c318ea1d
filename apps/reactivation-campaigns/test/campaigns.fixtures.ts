// Builders for the reactivation-campaigns integration tests (campaign side): valid events and a booted app.
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { AnyEvent, createEvent, EVENT_EXAMPLES, EventOf } from '@merchant-pulse/contracts';
import { setupHttpApp, sha256Hex } from '@merchant-pulse/http';
import { EventProducer } from '@merchant-pulse/kafka';
import { testInfra } from '@merchant-pulse/testing';
import { AppModule } from '../src/app.module';
import { ReactivationCampaignsConfig } from '../src/config/reactivation-campaigns.config';

export const SECRET = 'campaigns-test-secret';

/** Boots the real app (HTTP, Kafka consumers) on a settable clock starting at `clockStart`. */
export async function bootApp(
  schema: string,
  prefix: string,
  clockStart: string,
  options: {
    keys?: Array<{ id: string; secret: string; scopes: string[] }>;
    env?: Record<string, string>;
  } = {},
): Promise<{ app: INestApplication; clock: SettableClock }> {
  const keys = [{ id: 'test', secret: SECRET, scopes: ['*'] }, ...(options.keys ?? [])];
  const config = loadConfig(ReactivationCampaignsConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testInfra.adminDatabaseUrl,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    REDIS_URL: testInfra.redisUrl,
    // Outreach queues of this schema only: no later suite's worker runs (or waits behind) these jobs.
    OUTREACH_QUEUE_PREFIX: `pulse-test:${schema}`,
    CLOCK_START: clockStart,
    API_KEYS: JSON.stringify(keys.map((k) => ({ id: k.id, sha256: sha256Hex(k.secret), scopes: k.scopes }))),
    ...options.env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  setupHttpApp(app, { service: 'reactivation-campaigns' });
  await app.init();
  return { app, clock: app.get(Clock) as SettableClock };
}

/** Sends events keyed by merchant to a (prefixed by the producer) topic. */
export function sendEvents(producer: EventProducer, topic: string, events: AnyEvent[]): Promise<unknown> {
  return producer.send(
    events.map((e) => ({ topic, key: e.merchantId, value: Buffer.from(JSON.stringify(e)) })),
  );
}

const zero = { count: 0, amountMinor: 0, feeMinor: 0 };

/** A MerchantDailyActivity: `count` approved purchases of 50 CNY, split credit / qr_wechat by `creditShare`, at hour 12. */
export function activityEvent(
  merchantId: string,
  date: string,
  count: number,
  asOf: string,
  creditShare = 1,
): EventOf<'MerchantDailyActivity'> {
  const creditCount = Math.round(count * creditShare);
  const qrCount = count - creditCount;
  const credit = { count: creditCount, amountMinor: creditCount * 5_000, feeMinor: creditCount * 30 };
  const qr = { count: qrCount, amountMinor: qrCount * 5_000, feeMinor: qrCount * 19 };
  const hours = Array.from({ length: 24 }, (_, h) => (h === 12 ? count : 0));
  return createEvent('MerchantDailyActivity', {
    merchantId,
    producer: 'transaction-ingestion',
    occurredAt: asOf,
    payload: {
      date,
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      approvedCount: count,
      declinedCount: 0,
      approvedAmountMinor: count * 5_000,
      refundCount: 0,
      refundAmountMinor: 0,
      reversalCount: 0,
      reversalAmountMinor: 0,
      netAmountMinor: count * 5_000,
      feeMinor: credit.feeMinor + qr.feeMinor,
      byChannel: { credit, debit: zero, qr_alipay: zero, qr_wechat: qr, unionpay_qr: zero },
      cardReadFailureCount: 0,
      hourlyApprovedCounts: hours,
      activeTerminalCount: count > 0 ? 1 : 0,
      asOf,
    },
  });
}

/** MerchantRegistered (active) with a legal entity, region and category. */
export function registeredEvent(
  merchantId: string,
  over: Partial<EventOf<'MerchantRegistered'>['payload']> = {},
): EventOf<'MerchantRegistered'> {
  return createEvent('MerchantRegistered', {
    merchantId,
    producer: 'merchant-registry',
    occurredAt: '2026-01-01T00:00:00.000Z',
    payload: {
      ...EVENT_EXAMPLES.MerchantRegistered,
      displayName: `Store ${merchantId}`,
      legalEntityId: `le-${merchantId}`,
      status: 'active',
      registeredAt: '2026-01-01T00:00:00.000Z',
      ...over,
    },
  });
}

/** MerchantRiskChanged into `tier` with the given reason codes. */
export function riskEvent(
  merchantId: string,
  tier: EventOf<'MerchantRiskChanged'>['payload']['behaviourTier'],
  asOf: string,
  over: Partial<EventOf<'MerchantRiskChanged'>['payload']> = {},
  reasons: string[] = ['no_transactions'],
): EventOf<'MerchantRiskChanged'> {
  return createEvent('MerchantRiskChanged', {
    merchantId,
    producer: 'churn-scoring',
    occurredAt: asOf,
    payload: {
      score: 80,
      scoreBand: 'high',
      behaviourTier: tier,
      valueTier: 'mid',
      reasons: reasons.map((code) => ({ code, message: `reason ${code}`, evidence: {} })),
      modelVersion: 'bgnbd-test',
      asOf,
      ...over,
    },
  });
}

/** MerchantStatusChanged. */
export function statusEvent(
  merchantId: string,
  from: EventOf<'MerchantStatusChanged'>['payload']['from'],
  to: EventOf<'MerchantStatusChanged'>['payload']['to'],
  at: string,
): EventOf<'MerchantStatusChanged'> {
  return createEvent('MerchantStatusChanged', {
    merchantId,
    producer: 'merchant-registry',
    occurredAt: at,
    payload: { from, to, changedAt: at },
  });
}

/** TicketOpened of a category. */
export function ticketOpened(
  merchantId: string,
  ticketId: string,
  category: 'card_read_failure' | 'fee_question',
  at: string,
): EventOf<'TicketOpened'> {
  return createEvent('TicketOpened', {
    merchantId,
    producer: 'after-sales-tickets',
    occurredAt: at,
    payload: { ...EVENT_EXAMPLES.TicketOpened, ticketId, category, openedAt: at },
  });
}

/** TerminalHealthDegraded. */
export function terminalDegraded(
  merchantId: string,
  terminalId: string,
  at: string,
): EventOf<'TerminalHealthDegraded'> {
  return createEvent('TerminalHealthDegraded', {
    merchantId,
    producer: 'transaction-ingestion',
    occurredAt: at,
    payload: { ...EVENT_EXAMPLES.TerminalHealthDegraded, terminalId, since: at },
  });
}

/** FeeChangeAnnounced: credit 60 → 65 bps from 2026-04-01, one month waived. */
export function feeChangeAnnounced(merchantId: string, at: string): EventOf<'FeeChangeAnnounced'> {
  return createEvent('FeeChangeAnnounced', {
    merchantId,
    producer: 'merchant-registry',
    occurredAt: at,
    payload: {
      ...EVENT_EXAMPLES.FeeChangeAnnounced,
      effectiveFrom: '2026-04-01T00:00:00.000Z',
      announcedAt: at,
      feesWaivedUntil: '2026-05-01T00:00:00.000Z',
    },
  });
}
