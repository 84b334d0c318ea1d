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
  topicMessageCount,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { DailyActivitySnapshotPublisher } from '../src/activity/daily-activity.publisher';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { signBody } from '../src/gateway/acquirer-signature';
import { MaintenanceJob } from '../src/maintenance/maintenance.job';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(60_000);

const SECRET_NEW = 'acquirer-secret-new-0001';
const SECRET_OLD = 'acquirer-secret-old-0001';

describe('transaction-ingestion (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  const kafka = testKafka();
  const auth = { Authorization: `Bearer ${TEST_ADMIN_SECRET}` };

  const send = (topic: string, messages: Array<{ key: string; value: string | object }>) =>
    producer.send(
      messages.map((m) => ({
        topic,
        key: m.key,
        value: typeof m.value === 'string' ? m.value : JSON.stringify(m.value),
      })),
    );
  const lifecycle = (...events: Array<{ merchantId: string }>) =>
    send(
      Topics.MerchantLifecycle,
      events.map((e) => ({ key: e.merchantId, value: e })),
    );
  const reconciliation = async (date: string) =>
    (
      await request(app.getHttpServer())
        .get(`/v1/reconciliation?acquirerId=acq-1&date=${date}`)
        .set(auth)
        .expect(200)
    ).body;
  const today = () => new Date(Date.now() - 60_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    schema = await createTestSchema('ingestion');
    topics = await createTestTopics('ingestion');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: {
        ACQUIRER_SECRETS: JSON.stringify({ 'acq-1': [SECRET_NEW, SECRET_OLD] }),
        PARKED_TTL_MS: '2000',
        MAINTENANCE_INTERVAL_MS: '3600000',
      },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
    await lifecycle(merchantRegistered('m-1'), feePlanChanged('m-1', 38));
    await expectEventually(async () =>
      expect(await adminQuery(`SELECT 1 FROM "${schema.schema}".fee_plan_versions`)).toHaveLength(1),
    );
  });

  afterAll(async () => {
    await app?.close();
    await topics?.drop();
    await schema?.drop();
  });

  it('should count duplicates once, dead-letter every rejection with its original bytes and commit the rest of the batch when it holds poison messages', async () => {
    const good = [
      rawTx(),
      rawTx({ channel: 'credit', entryMode: 'chip' }),
      rawTx({ status: 'declined', responseCode: 'E1', entryMode: 'chip', channel: 'debit' }),
    ];
    // Charged to the UTC day of its occurredAt: between 23:00 and 24:00 UTC that is tomorrow.
    const futureAt = new Date(Date.now() + 3_600_000);
    const futureDay = futureAt.toISOString().slice(0, 10);
    const futureElsewhere = futureDay !== today();
    const rejected: Record<string, string> = {
      malformed_json: '{"acquirerId": "acq-1", oops',
      schema_violation: JSON.stringify({ ...rawTx(), channel: 'cash' }),
      non_positive_amount: JSON.stringify(rawTx({ amountMinor: 0 })),
      future_dated: JSON.stringify(rawTx({ occurredAt: futureAt.toISOString() })),
      currency_mismatch: JSON.stringify(rawTx({ currency: 'USD' })),
      // A reversal of a declined purchase (a missing original is parked, not rejected: see refunds.int-spec).
      original_not_found: JSON.stringify(
        rawTx({ type: 'reversal', originalTransactionId: good[2].transactionId }),
      ),
    };
    const messages = [
      good[0],
      good[1],
      JSON.stringify(good[0]),
      good[2],
      ...Object.values(rejected),
      good[1],
    ];
    await send(
      Topics.AcquirerTransactions,
      messages.map((value) => ({ key: 'm-1', value })),
    );

    // Unparseable JSON cannot name its acquirer: it is charged to `unknown`.
    const summary = await expectEventually(async () => {
      const r = await reconciliation(today());
      expect(r.received).toBe(futureElsewhere ? 9 : 10);
      return r;
    });
    if (futureElsewhere) {
      const future = await expectEventually(async () => {
        const r = await reconciliation(futureDay);
        expect(r.received).toBe(1);
        return r;
      });
      expect(future.rejected.byReason).toEqual({ future_dated: 1 });
    }
    const unknown = await request(app.getHttpServer())
      .get(`/v1/reconciliation?acquirerId=unknown&date=${today()}`)
      .set(auth)
      .expect(200);
    expect(unknown.body.rejected.byReason).toEqual({ malformed_json: 1 });
    expect(summary.accepted.count).toBe(3);
    expect(summary.duplicate).toBe(2);
    const { malformed_json: _m, ...attributable } = rejected;
    if (futureElsewhere) delete attributable.future_dated;
    expect(summary.rejected.byReason).toEqual(
      Object.fromEntries(Object.keys(attributable).map((k) => [k, 1])),
    );
    // 100.00 CNY at 38 bps (the merchant's plan) = 38 fen; 100.00 credit at 60 bps = 60 fen; declined = 0.
    expect(summary.accepted.feeMinor).toBe(98);
    expect(summary.accepted.amountMinor).toBe(30_000);

    const letters = await readTopic(kafka, topics.prefix + deadLetterTopicOf(Topics.AcquirerTransactions), {
      count: 6,
    });
    const byReason = Object.fromEntries(
      letters.map((l) => [l.headers[DeadLetterHeaders.Reason], l.value?.toString()]),
    );
    expect(byReason).toEqual(rejected);

    const [activity] = await adminQuery<Record<string, string>>(
      `SELECT approved_count, declined_count, card_read_failure_count, fee_minor FROM "${schema.schema}".daily_activity WHERE merchant_id = 'm-1'`,
    );
    expect(activity).toEqual({
      approved_count: '2',
      declined_count: '1',
      card_read_failure_count: '1',
      fee_minor: '98',
    });
  });

  it('should cancel the original and take its fee back when a reversal arrives', async () => {
    const purchase = rawTx({
      merchantId: 'm-1',
      terminalId: 'T-9',
      amountMinor: 20_000,
      occurredAt: '2025-06-01T02:00:00.000Z',
    });
    const reversal = rawTx({
      merchantId: 'm-1',
      terminalId: 'T-9',
      type: 'reversal',
      originalTransactionId: purchase.transactionId,
      amountMinor: 20_000,
      occurredAt: '2025-06-01T02:05:00.000Z',
    });
    await send(Topics.AcquirerTransactions, [{ key: 'm-1', value: purchase }]);
    await expectEventually(async () => expect((await reconciliation('2025-06-01')).accepted.count).toBe(1));
    await send(Topics.AcquirerTransactions, [{ key: 'm-1', value: reversal }]);
    await expectEventually(async () => expect((await reconciliation('2025-06-01')).accepted.count).toBe(2));

    const [row] = await adminQuery<Record<string, string>>(
      `SELECT reversed_by FROM "${schema.schema}".transactions WHERE transaction_id = $1`,
      [purchase.transactionId],
    );
    expect(row.reversed_by).toBe(reversal.transactionId);
    const { body } = await request(app.getHttpServer())
      .get('/v1/merchants/m-1/daily-activity?from=2025-06-01&to=2025-06-01')
      .set(auth)
      .expect(200);
    expect(body.items[0]).toMatchObject({
      approvedCount: 1,
      reversalCount: 1,
      reversalAmountMinor: 20_000,
      netAmountMinor: 0,
      feeMinor: 0,
    });
    expect((await reconciliation('2025-06-01')).accepted.feeMinor).toBe(0);
  });

  it('should publish the absolute totals of a changed merchant-day as one snapshot per round when the publisher runs', async () => {
    await app.get(DailyActivitySnapshotPublisher).flush();
    expect(await adminQuery(`SELECT 1 FROM "${schema.schema}".daily_activity_dirty`)).toHaveLength(0);

    const rows = await adminQuery<{ event_id: string; value: string; headers: Record<string, string> }>(
      `SELECT event_id, value, headers FROM "${schema.schema}".outbox WHERE event_type = 'MerchantDailyActivity' ORDER BY seq`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    // Postgres builds these envelopes: each must satisfy the contract like any other producer's.
    for (const row of rows) {
      const parsed = parseEvent(row.value);
      expect(parsed).toMatchObject({ ok: true, event: { id: row.event_id, type: 'MerchantDailyActivity' } });
      expect(row.headers).toEqual({
        'event-id': row.event_id,
        'event-type': 'MerchantDailyActivity',
        'event-version': '1',
        'content-type': 'application/json',
        'correlation-id': row.event_id,
      });
    }
    const snapshots = rows
      .map((r) => JSON.parse(r.value) as { merchantId: string; payload: Record<string, unknown> })
      .filter((e) => e.merchantId === 'm-1' && e.payload.date === '2025-06-01');
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    const latest = snapshots[snapshots.length - 1].payload;
    expect(latest).toMatchObject({
      approvedCount: 1,
      reversalCount: 1,
      netAmountMinor: 0,
      feeMinor: 0,
      firstApprovedAt: '2025-06-01T02:00:00.000Z',
    });
    // The same numbers, field for field, as the query API computes from the row in TypeScript.
    const { body } = await request(app.getHttpServer())
      .get('/v1/merchants/m-1/daily-activity?from=2025-06-01&to=2025-06-01')
      .set(auth)
      .expect(200);
    expect({ ...latest, asOf: undefined }).toEqual({ ...body.items[0], asOf: undefined });
    await expectEventually(async () =>
      expect(
        await adminQuery(
          `SELECT 1 FROM "${schema.schema}".outbox WHERE event_type = 'MerchantDailyActivity' AND published_at IS NULL`,
        ),
      ).toHaveLength(0),
    );
  });

  it('should park transactions of an unknown merchant, replay them on MerchantRegistered and dead-letter the rest after the TTL', async () => {
    const late = rawTx({ merchantId: 'm-late', occurredAt: '2025-07-01T10:00:00.000Z' });
    const never = rawTx({ merchantId: 'm-never', occurredAt: '2025-07-01T10:00:00.000Z' });
    await send(Topics.AcquirerTransactions, [
      { key: 'm-late', value: late },
      { key: 'm-never', value: never },
    ]);
    await expectEventually(async () => expect((await reconciliation('2025-07-01')).parked).toBe(2));
    await lifecycle(merchantRegistered('m-late'));
    await expectEventually(async () => expect((await reconciliation('2025-07-01')).accepted.count).toBe(1));

    await new Promise((r) => setTimeout(r, 2_100));
    await app.get(MaintenanceJob).runOnce();
    const summary = await reconciliation('2025-07-01');
    expect(summary).toMatchObject({
      received: 2,
      parked: 0,
      rejected: { count: 1, byReason: { unknown_merchant: 1 } },
    });
    const letters = await readTopic(kafka, topics.prefix + deadLetterTopicOf(Topics.AcquirerTransactions), {
      count: 7,
    });
    const expired = letters.find((l) => l.headers[DeadLetterHeaders.Reason] === 'unknown_merchant');
    expect(expired?.value?.toString()).toBe(JSON.stringify(never));
  });

  describe('signed REST batch', () => {
    const path = '/v1/acquirers/acq-1/transactions:batch';
    const signed = (body: string, secret = SECRET_NEW, at = Math.floor(Date.now() / 1000)) => ({
      'Content-Type': 'application/json',
      'X-Pulse-Timestamp': String(at),
      'X-Pulse-Signature': signBody(secret, String(at), body),
    });
    const rawTopicCount = () => topicMessageCount(kafka, topics.prefix + Topics.AcquirerTransactions);

    it('should produce valid items before answering 202 with per-item results when signed with either active secret', async () => {
      const body = JSON.stringify({
        transactions: [rawTx({ occurredAt: '2025-08-01T10:00:00.000Z' }), rawTx({ amountMinor: -5 })],
      });
      const before = await rawTopicCount();
      const res = await request(app.getHttpServer())
        .post(path)
        .set(signed(body, SECRET_OLD))
        .send(body)
        .expect(202);
      expect(res.body).toMatchObject({
        accepted: 1,
        rejected: 1,
        results: [{ status: 'accepted' }, { status: 'rejected', reason: 'non_positive_amount' }],
      });
      expect(await rawTopicCount()).toBe(before + 1);
      await expectEventually(async () => expect((await reconciliation('2025-08-01')).accepted.count).toBe(1));
    });

    it('should refuse bad, stale and replayed signatures with 401 and produce nothing', async () => {
      const body = JSON.stringify({ transactions: [rawTx()] });
      const before = await rawTopicCount();
      await request(app.getHttpServer())
        .post(path)
        .set(signed(body, 'wrong-secret-wrong-secret'))
        .send(body)
        .expect(401);
      await request(app.getHttpServer())
        .post(path)
        .set(signed(body, SECRET_NEW, Math.floor(Date.now() / 1000) - 600))
        .send(body)
        .expect(401);
      const headers = signed(body);
      await request(app.getHttpServer())
        .post(path)
        .set({
          ...headers,
          'X-Pulse-Signature':
            headers['X-Pulse-Signature'].replace(/.$/, '0') === headers['X-Pulse-Signature']
              ? headers['X-Pulse-Signature'].replace(/.$/, '1')
              : headers['X-Pulse-Signature'].replace(/.$/, '0'),
        })
        .send(body)
        .expect(401);
      await request(app.getHttpServer()).post(path).set(headers).send(body).expect(202);
      await request(app.getHttpServer()).post(path).set(headers).send(body).expect(401);
      expect(await rawTopicCount()).toBe(before + 1);
    });

    it('should return the first answer when an Idempotency-Key is repeated', async () => {
      const body = JSON.stringify({ transactions: [rawTx()] });
      const headers = { ...signed(body), 'Idempotency-Key': `idem-${Date.now()}` };
      const first = await request(app.getHttpServer()).post(path).set(headers).send(body).expect(202);
      const before = await rawTopicCount();
      const second = await request(app.getHttpServer()).post(path).set(headers).send(body).expect(202);
      expect(second.body).toEqual(first.body);
      expect(await rawTopicCount()).toBe(before);
    });
  });
});
