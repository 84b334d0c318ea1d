import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { createEvent, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(60_000);

const DAY = 86_400_000;
/** Day 0 of the plan sequence: 100 days ago at 02:00 UTC, so day 90 is still in the past. */
const DAY0 = Math.floor((Date.now() - 100 * DAY) / DAY) * DAY + 2 * 3_600_000;
const iso = (day: number, hours = 0) => new Date(DAY0 + day * DAY + hours * 3_600_000).toISOString();
const terms = (credit: number) => ({
  rates: { credit, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: credit },
  debitCapMinor: 2500,
});
const registry = { producer: 'merchant-registry' } as const;

/** The lifecycle events the registry emits for: base 60 → increase to 65 announced for day 31 → promotion. */
function planEvents(merchantId: string, options: { promotionDays: number; waived: boolean }) {
  const compensation = options.waived ? { compensation: { kind: 'month_waived' as const, months: 1 } } : {};
  return [
    merchantRegistered(merchantId),
    createEvent('FeePlanChanged', {
      ...registry,
      merchantId,
      payload: { feePlanId: 'standard', planVersion: 1, terms: terms(60), effectiveFrom: iso(0) },
    }),
    createEvent('FeeChangeAnnounced', {
      ...registry,
      merchantId,
      payload: {
        feePlanId: 'standard-2026',
        planVersion: 2,
        currentTerms: terms(60),
        newTerms: terms(65),
        effectiveFrom: iso(31),
        announcedAt: iso(0),
        ...compensation,
      },
    }),
    createEvent('FeePromotionGranted', {
      ...registry,
      merchantId,
      payload: {
        promotionId: `promo-${merchantId}`,
        bpsOff: 20,
        startsAt: iso(0),
        endsAt: iso(options.promotionDays),
      },
    }),
  ];
}

/**
 * Issue 10: ingestion prices each transaction with the plan in force at its instant by the registry's
 * own rule — effective dates, the promotion as a self-expiring overlay, the announced month waived.
 */
describe('transaction-ingestion fee plans (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;

  const send = (topic: string, values: Array<{ merchantId: string }>) =>
    producer.send(values.map((value) => ({ topic, key: value.merchantId, value: JSON.stringify(value) })));

  beforeAll(async () => {
    schema = await createTestSchema('ingestion-fees');
    topics = await createTestTopics('ingestion-fees');
    const env = testServiceEnv({ schema: schema.schema, topicPrefix: topics.prefix });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
  });

  afterAll(async () => {
    await app?.close();
    await topics?.drop();
    await schema?.drop();
  });

  /** Sends one 100.00 CNY credit purchase per day (at 12:00 UTC, 10 h after the plan changes) and returns the fee charged on each. */
  async function chargeOn(merchantId: string, days: number[]): Promise<Record<number, number>> {
    const txs = days.map((day) =>
      rawTx({
        merchantId,
        channel: 'credit',
        entryMode: 'chip',
        amountMinor: 10_000,
        occurredAt: iso(day, 10),
      }),
    );
    await send(Topics.AcquirerTransactions, txs);
    const rows = await expectEventually(async () => {
      const found = await adminQuery<{ transaction_id: string; fee_minor: string }>(
        `SELECT transaction_id, fee_minor FROM "${schema.schema}".transactions WHERE merchant_id = $1`,
        [merchantId],
      );
      expect(found).toHaveLength(days.length);
      return found;
    });
    const fee = new Map(rows.map((r) => [r.transaction_id, Number(r.fee_minor)]));
    return Object.fromEntries(days.map((day, i) => [day, fee.get(txs[i].transactionId)!]));
  }

  async function project(merchantId: string, events: Array<{ merchantId: string }>): Promise<void> {
    await send(Topics.MerchantLifecycle, events);
    await expectEventually(async () =>
      expect(
        await adminQuery(`SELECT 1 FROM "${schema.schema}".fee_promotions WHERE merchant_id = $1`, [
          merchantId,
        ]),
      ).toHaveLength(1),
    );
  }

  it('should charge 40 bps during the promotion, 60 after it, nothing in the waived month and 65 after', async () => {
    await project('m-seq', [
      ...planEvents('m-seq', { promotionDays: 30, waived: true }),
      // What the registry's job emits on day 31 for the announced version: the same version again.
      createEvent('FeePlanChanged', {
        ...registry,
        merchantId: 'm-seq',
        payload: {
          feePlanId: 'standard-2026',
          planVersion: 2,
          terms: terms(65),
          previousTerms: terms(60),
          effectiveFrom: iso(31),
          compensation: { kind: 'month_waived', months: 1 },
        },
      }),
    ]);
    // 100.00 CNY at N bps = N fen.
    // A calendar month from day 31 lasts 28–31 days: day 58 is always waived, day 62 never.
    const fees = await chargeOn('m-seq', [0, 1, 15, 29, 30, 31, 45, 58, 62, 90]);
    expect(fees).toEqual({ 0: 40, 1: 40, 15: 40, 29: 40, 30: 60, 31: 0, 45: 0, 58: 0, 62: 65, 90: 65 });
    const [{ fee }] = await adminQuery<{ fee: string }>(
      `SELECT sum(fee_minor)::text AS fee FROM "${schema.schema}".daily_activity WHERE merchant_id = 'm-seq'`,
    );
    expect(Number(fee)).toBe(Object.values(fees).reduce((a, b) => a + b, 0));
  });

  it('should keep the promotion running over an announced increase when only FeeChangeAnnounced has arrived', async () => {
    await project('m-long', planEvents('m-long', { promotionDays: 60, waived: false }));
    expect(await chargeOn('m-long', [0, 30, 31, 59, 60])).toEqual({ 0: 40, 30: 40, 31: 45, 59: 45, 60: 65 });
  });
});
