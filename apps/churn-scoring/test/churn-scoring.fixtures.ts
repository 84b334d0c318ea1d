// Builders for the churn-scoring integration tests: valid events and a booted app.
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { AnyEvent, createEvent, EventOf } from '@merchant-pulse/contracts';
import { setupHttpApp, sha256Hex } from '@merchant-pulse/http';
import { testInfra } from '@merchant-pulse/testing';
import { addDays } from '../src/activity/daily-activity';
import { AppModule } from '../src/app.module';
import { ChurnScoringConfig } from '../src/config/churn-scoring.config';

export const SECRET = 'churn-test-secret';

/** Extra API keys and environment for {@link bootApp}. */
export interface BootOptions {
  keys?: Array<{ id: string; secret: string; scopes: string[] }>;
  env?: Record<string, string>;
}

const zero = { count: 0, amountMinor: 0, feeMinor: 0 };

/** A MerchantDailyActivity event (every channel on credit; fee 60 bps). */
export function activityEvent(
  merchantId: string,
  date: string,
  count: number,
  asOf: string,
): EventOf<'MerchantDailyActivity'> {
  const amount = count * 5_000;
  const fee = Math.round(amount * 0.006);
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
      approvedAmountMinor: amount,
      refundCount: 0,
      refundAmountMinor: 0,
      reversalCount: 0,
      reversalAmountMinor: 0,
      netAmountMinor: amount,
      feeMinor: fee,
      byChannel: {
        credit: { count, amountMinor: amount, feeMinor: fee },
        debit: zero,
        qr_alipay: zero,
        qr_wechat: zero,
        unionpay_qr: zero,
      },
      cardReadFailureCount: 0,
      hourlyApprovedCounts: hours,
      activeTerminalCount: count > 0 ? 1 : 0,
      asOf,
    },
  });
}

/** `days` daily snapshots ending on `lastDate`, busier on weekends (a weekday rhythm). */
export function dailyHistory(merchantId: string, lastDate: string, days: number): AnyEvent[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(lastDate, i - days + 1);
    const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    return activityEvent(merchantId, date, weekend ? 30 : 20, `${addDays(date, 1)}T00:00:00.000Z`);
  });
}

/** Boots the real app (HTTP, Kafka consumers, BullMQ) on a settable clock starting at `clockStart`. */
export async function bootApp(
  schema: string,
  prefix: string,
  clockStart: string,
  options: BootOptions = {},
): Promise<{ app: INestApplication; clock: SettableClock }> {
  const keys = [{ id: 'test', secret: SECRET, scopes: ['*'] }, ...(options.keys ?? [])];
  const config = loadConfig(ChurnScoringConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testInfra.adminDatabaseUrl,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    REDIS_URL: testInfra.redisUrl,
    CLOCK_START: clockStart,
    QUEUE_PREFIX: `pulse-test:${prefix}`,
    API_KEYS: JSON.stringify(keys.map((k) => ({ id: k.id, sha256: sha256Hex(k.secret), scopes: k.scopes }))),
    ...options.env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  setupHttpApp(app, { service: 'churn-scoring' });
  await app.init();
  return { app, clock: app.get(Clock) as SettableClock };
}

/** Moves a settable clock forward by whole days (it keeps running from there). */
export function advanceDays(clock: SettableClock, days: number): void {
  clock.set(clock.now().getTime() + days * 86_400_000);
}
