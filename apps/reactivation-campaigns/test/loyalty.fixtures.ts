// Builders for the loyalty integration tests: valid events and a booted reactivation-campaigns.
import { INestApplication } from '@nestjs/common';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { AnyEvent, createEvent, EventOf } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import { startTestApp, testServiceEnv } from '@merchant-pulse/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ReactivationCampaignsConfig } from '../src/config/reactivation-campaigns.config';

/** A key with every loyalty scope, and one that may only read. */
export const LOYALTY_KEYS = [
  {
    id: 'loyalty-ops',
    secret: 'loyalty-ops-secret',
    scopes: [
      'loyalty:read',
      'loyalty:adjust',
      'loyalty:redeem',
      'loyalty:admin',
      'membership:read',
      'membership:write',
      'terminals:read',
      'terminals:write',
    ],
  },
  { id: 'loyalty-reader', secret: 'loyalty-reader-secret', scopes: ['loyalty:read'] },
];
export const OPS = { Authorization: 'Bearer loyalty-ops-secret' };
export const READER = { Authorization: 'Bearer loyalty-reader-secret' };

const zero = { count: 0, amountMinor: 0, feeMinor: 0 };

/** Amounts of one day in fen: card (credit) and QR (Alipay) purchases, refunds, reversals. */
export interface DayAmounts {
  card?: number;
  qr?: number;
  refund?: number;
  reversal?: number;
  terminals?: number;
}

/** A MerchantDailyActivity snapshot. */
export function activityEvent(
  merchantId: string,
  date: string,
  amounts: DayAmounts,
  asOf: string,
): EventOf<'MerchantDailyActivity'> {
  const card = amounts.card ?? 0;
  const qr = amounts.qr ?? 0;
  const refund = amounts.refund ?? 0;
  const reversal = amounts.reversal ?? 0;
  const count = (card > 0 ? 1 : 0) + (qr > 0 ? 1 : 0);
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
      approvedAmountMinor: card + qr,
      refundCount: refund > 0 ? 1 : 0,
      refundAmountMinor: refund,
      reversalCount: reversal > 0 ? 1 : 0,
      reversalAmountMinor: reversal,
      netAmountMinor: card + qr - refund - reversal,
      feeMinor: 0,
      byChannel: {
        credit: { count: card > 0 ? 1 : 0, amountMinor: card, feeMinor: 0 },
        debit: zero,
        qr_alipay: { count: qr > 0 ? 1 : 0, amountMinor: qr, feeMinor: 0 },
        qr_wechat: zero,
        unionpay_qr: zero,
      },
      cardReadFailureCount: 0,
      hourlyApprovedCounts: Array.from({ length: 24 }, (_, h) => (h === 12 ? count : 0)),
      activeTerminalCount: amounts.terminals ?? (count > 0 ? 1 : 0),
      ...(count > 0 ? { firstApprovedAt: asOf, lastApprovedAt: asOf } : {}),
      asOf,
    },
  });
}

/** Publishes events to their logical topic (keyed by merchant). */
export function sendEvents(producer: EventProducer, topic: string, events: AnyEvent[]): Promise<unknown> {
  return producer.send(
    events.map((e) => ({ topic, key: e.merchantId, value: Buffer.from(JSON.stringify(e)) })),
  );
}

/** Boots reactivation-campaigns on a settable clock (jobs effectively off: they run when the test says). */
export async function bootCampaigns(
  schema: string,
  topicPrefix: string,
  clockStart: string,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; clock: SettableClock; config: ReactivationCampaignsConfig }> {
  const config = loadConfig(
    ReactivationCampaignsConfig,
    testServiceEnv({
      schema,
      topicPrefix,
      extraKeys: LOYALTY_KEYS,
      env: { CLOCK_START: clockStart, LOYALTY_JOBS_EVERY_MS: '3600000', ...env },
    }),
  );
  const app = await startTestApp(AppModule.forRoot(config), 'reactivation-campaigns');
  return { app, clock: app.get(Clock) as SettableClock, config };
}

/** GET with the ops key, expecting 200. */
export async function getJson(app: INestApplication, path: string): Promise<Record<string, any>> {
  return (await request(app.getHttpServer()).get(path).set(OPS).expect(200)).body;
}
