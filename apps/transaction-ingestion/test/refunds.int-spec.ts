import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { DeadLetterHeaders, deadLetterTopicOf, parseEvent, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  startTestApp,
  TEST_ADMIN_SECRET,
  testKafka,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { DailyActivitySnapshotPublisher } from '../src/activity/daily-activity.publisher';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { MaintenanceJob } from '../src/maintenance/maintenance.job';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(60_000);

describe('transaction-ingestion refunds and reversals vs their originals (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  const kafka = testKafka();
  const auth = { Authorization: `Bearer ${TEST_ADMIN_SECRET}` };
  const send = (...txs: object[]) =>
    producer.send(
      txs.map((tx) => ({ topic: Topics.AcquirerTransactions, key: 'm-r', value: JSON.stringify(tx) })),
    );
  const reconciliation = async (date: string) =>
    (
      await request(app.getHttpServer())
        .get(`/v1/reconciliation?acquirerId=acq-1&date=${date}`)
        .set(auth)
        .expect(200)
    ).body;
  const deadLetters = async (count: number) =>
    (await readTopic(kafka, topics.prefix + deadLetterTopicOf(Topics.AcquirerTransactions), { count })).map(
      (l) => ({ reason: l.headers[DeadLetterHeaders.Reason], value: l.value?.toString() }),
    );
  const refundedOf = async (transactionId: string) =>
    Number(
      (
        await adminQuery<{ r: string }>(
          `SELECT refunded_minor AS r FROM "${schema.schema}".transactions WHERE transaction_id = $1`,
          [transactionId],
        )
      )[0]?.r,
    );

  beforeAll(async () => {
    schema = await createTestSchema('ingest_refunds');
    topics = await createTestTopics('ingest_refunds');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: { PARKED_TTL_MS: '1500', MAINTENANCE_INTERVAL_MS: '3600000' },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
    await producer.send(
      [merchantRegistered('m-r'), feePlanChanged('m-r', 38)].map((e) => ({
        topic: Topics.MerchantLifecycle,
        key: 'm-r',
        value: JSON.stringify(e),
      })),
    );
    await expectEventually(async () =>
      expect(await adminQuery(`SELECT 1 FROM "${schema.schema}".fee_plan_versions`)).toHaveLength(1),
    );
  });

  afterAll(async () => {
    await app?.close();
    await topics?.drop();
    await schema?.drop();
  });

  it('should park a refund that arrives before its original and apply it when the original arrives', async () => {
    const at = '2025-09-01T04:00:00.000Z';
    const purchase = rawTx({ merchantId: 'm-r', amountMinor: 50_000, occurredAt: at });
    const refund = rawTx({
      merchantId: 'm-r',
      type: 'refund',
      originalTransactionId: purchase.transactionId,
      amountMinor: 20_000,
      occurredAt: '2025-09-01T05:00:00.000Z',
    });
    await send(refund);
    await expectEventually(async () =>
      expect(await reconciliation('2025-09-01')).toMatchObject({ received: 1, parked: 1 }),
    );
    await send(purchase);
    const summary = await expectEventually(async () => {
      const r = await reconciliation('2025-09-01');
      expect(r).toMatchObject({ received: 2, parked: 0, duplicate: 0 });
      return r;
    });
    expect(summary.accepted.count).toBe(2);
    expect(await refundedOf(purchase.transactionId)).toBe(20_000);
    const { body } = await request(app.getHttpServer())
      .get('/v1/merchants/m-r/daily-activity?from=2025-09-01&to=2025-09-01')
      .set(auth)
      .expect(200);
    // Refunds keep the fee (the acquirer's policy): the ledger and daily activity agree on it.
    expect(body.items[0]).toMatchObject({
      approvedAmountMinor: 50_000,
      refundCount: 1,
      refundAmountMinor: 20_000,
      netAmountMinor: 30_000,
      feeMinor: summary.accepted.feeMinor,
    });
  });

  it('should refuse zero refunds and refunds beyond the original, counting every refund before', async () => {
    const at = '2025-09-02T04:00:00.000Z';
    const purchase = rawTx({ merchantId: 'm-r', amountMinor: 10_000, occurredAt: at });
    const refund = (amountMinor: number) =>
      rawTx({
        merchantId: 'm-r',
        type: 'refund',
        originalTransactionId: purchase.transactionId,
        amountMinor,
        occurredAt: at,
      });
    const [a, b, zero, c, d] = [refund(6_000), refund(5_000), refund(0), refund(4_000), refund(1)];
    await send(purchase, a);
    await expectEventually(async () => expect((await reconciliation('2025-09-02')).accepted.count).toBe(2));
    await send(b, zero, c, d);
    const summary = await expectEventually(async () => {
      const r = await reconciliation('2025-09-02');
      expect(r.received).toBe(6);
      return r;
    });
    expect(summary.accepted.count).toBe(3);
    expect(summary.rejected.byReason).toEqual({ refund_exceeds_original: 2, non_positive_amount: 1 });
    expect(await refundedOf(purchase.transactionId)).toBe(10_000);
    const letters = await deadLetters(3);
    expect(letters).toEqual(
      expect.arrayContaining([
        { reason: 'refund_exceeds_original', value: JSON.stringify(b) },
        { reason: 'non_positive_amount', value: JSON.stringify(zero) },
        { reason: 'refund_exceeds_original', value: JSON.stringify(d) },
      ]),
    );
  });

  it('should dead-letter a refund as unknown_original when its original never arrives within the TTL', async () => {
    const orphan = rawTx({
      merchantId: 'm-r',
      type: 'refund',
      originalTransactionId: 'tx-never-sent',
      occurredAt: '2025-09-03T04:00:00.000Z',
    });
    await send(orphan);
    await expectEventually(async () => expect((await reconciliation('2025-09-03')).parked).toBe(1));
    await new Promise((r) => setTimeout(r, 1_600));
    await app.get(MaintenanceJob).runOnce();
    expect(await reconciliation('2025-09-03')).toMatchObject({
      received: 1,
      parked: 0,
      rejected: { count: 1, byReason: { unknown_original: 1 } },
    });
    await expectEventually(async () =>
      expect(await deadLetters(4)).toContainEqual({
        reason: 'unknown_original',
        value: JSON.stringify(orphan),
      }),
    );
  });

  it('should refuse amounts whose day totals could pass 2^53 and publish only snapshots that satisfy the contract', async () => {
    const at = '2025-09-04T04:00:00.000Z';
    const huge = rawTx({ merchantId: 'm-r', amountMinor: Number.MAX_SAFE_INTEGER, occurredAt: at });
    const large = rawTx({ merchantId: 'm-r', amountMinor: 10_000_000_000, occurredAt: at });
    await send(huge, large, rawTx({ merchantId: 'm-r', amountMinor: 10_000_000_000, occurredAt: at }));
    const summary = await expectEventually(async () => {
      const r = await reconciliation('2025-09-04');
      expect(r.received).toBe(3);
      return r;
    });
    expect(summary.rejected.byReason).toEqual({ amount_out_of_range: 1 });
    expect(summary.accepted.amountMinor).toBe(20_000_000_000);
    await app.get(DailyActivitySnapshotPublisher).flush();
    const rows = await adminQuery<{ value: string }>(
      `SELECT value FROM "${schema.schema}".outbox WHERE event_type = 'MerchantDailyActivity'`,
    );
    // One merchant-day per date with accepted activity (2025-09-01, -02, -04), each valid by contract.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(parseEvent(row.value)).toMatchObject({ ok: true });
    const days = rows.map(
      (r) => (JSON.parse(r.value) as { payload: { date: string; approvedAmountMinor: number } }).payload,
    );
    expect(days.find((d) => d.date === '2025-09-04')?.approvedAmountMinor).toBe(20_000_000_000);
  });
});
