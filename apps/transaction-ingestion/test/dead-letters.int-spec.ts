import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { RedriveHeaders, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  tamperedCursorMisses,
  TEST_ADMIN_SECRET,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { MaintenanceJob } from '../src/maintenance/maintenance.job';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(90_000);

const OPS_SECRET = 'dead-letter-ops-secret';
const READER_SECRET = 'dead-letter-reader-secret';
const NO_SCOPE_SECRET = 'dead-letter-no-scope-secret';
const ACQUIRER = 'acq-dl';
const DAY = '2025-10-01';

describe('transaction-ingestion dead-letter browser and re-drive (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  const ops = bearer(OPS_SECRET);
  const http = () => request(app.getHttpServer());
  const send = (...values: Array<object | Buffer>) =>
    producer.send(
      values.map((v) => ({
        topic: Topics.AcquirerTransactions,
        key: 'm-dl',
        value: Buffer.isBuffer(v) ? v : JSON.stringify(v),
      })),
    );
  const reconciliation = async (date = DAY) =>
    (await http().get(`/v1/reconciliation?acquirerId=${ACQUIRER}&date=${date}`).set(ops).expect(200)).body;
  const list = async (query: string) =>
    (await http().get(`/v1/dead-letters?${query}`).set(ops).expect(200)).body as {
      items: Array<Record<string, any>>;
      nextCursor: string | null;
    };
  const register = async (merchantId: string) => {
    await producer.send(
      [merchantRegistered(merchantId), feePlanChanged(merchantId, 38)].map((e) => ({
        topic: Topics.MerchantLifecycle,
        key: merchantId,
        value: JSON.stringify(e),
      })),
    );
    await expectEventually(async () =>
      expect(
        await adminQuery(`SELECT 1 FROM "${schema.schema}".fee_plan_versions WHERE merchant_id = $1`, [
          merchantId,
        ]),
      ).toHaveLength(1),
    );
  };
  /** Sends a valid transaction of another day and waits until it is counted: the consumer is past what came before. */
  const drain = async () => {
    const day = '2025-10-09';
    const before = (await reconciliation(day)).received;
    await send(rawTx({ acquirerId: ACQUIRER, merchantId: 'm-dl', occurredAt: `${day}T03:00:00.000Z` }));
    await expectEventually(async () => expect((await reconciliation(day)).received).toBe(before + 1));
  };

  beforeAll(async () => {
    schema = await createTestSchema('ingest_dead_letters');
    topics = await createTestTopics('ingest_dead_letters');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      extraKeys: [
        {
          id: 'ops-console',
          secret: OPS_SECRET,
          scopes: ['dead-letters:read', 'dead-letters:redrive', 'reconciliation:read'],
        },
        { id: 'reader', secret: READER_SECRET, scopes: ['dead-letters:read'] },
        { id: 'no-scope', secret: NO_SCOPE_SECRET, scopes: ['transactions:read'] },
      ],
      env: { PARKED_TTL_MS: '1000', MAINTENANCE_INTERVAL_MS: '3600000' },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
    await register('m-dl');
  });

  afterAll(async () => {
    await app?.close();
    await topics?.drop();
    await schema?.drop();
  });

  it('should dead-letter a transaction of a merchant not yet registered, browse it, and after the registration re-drive it once into accepted on its original day', async () => {
    const late = rawTx({
      acquirerId: ACQUIRER,
      merchantId: 'm-late',
      amountMinor: 4_200,
      occurredAt: `${DAY}T02:00:00.000Z`,
    });
    const fine = rawTx({ acquirerId: ACQUIRER, merchantId: 'm-dl', occurredAt: `${DAY}T02:30:00.000Z` });
    await send(late, fine);
    await expectEventually(async () =>
      expect(await reconciliation()).toMatchObject({ received: 2, parked: 1, accepted: { count: 1 } }),
    );
    await new Promise((r) => setTimeout(r, 1_100));
    await app.get(MaintenanceJob).runOnce();
    expect(await reconciliation()).toMatchObject({
      received: 2,
      parked: 0,
      rejected: { count: 1, amountMinor: 4_200, byReason: { unknown_merchant: 1 } },
      redriven: { count: 0 },
      balanced: true,
    });

    const page = await list(`reason=unknown_merchant&acquirerId=${ACQUIRER}&businessDate=${DAY}`);
    expect(page.items).toHaveLength(1);
    const [letter] = page.items;
    expect(letter).toMatchObject({
      reason: 'unknown_merchant',
      acquirerId: ACQUIRER,
      businessDate: DAY,
      merchantId: 'm-late',
      transactionId: late.transactionId,
      amountMinor: 4_200,
      status: 'dead',
      redrive: null,
      source: { topic: Topics.AcquirerTransactions },
    });
    expect(letter.preview).toContain(late.transactionId);
    const detail = (await http().get(`/v1/dead-letters/${letter.id}`).set(ops).expect(200)).body;
    expect(Buffer.from(detail.valueBase64, 'base64').toString('utf8')).toBe(JSON.stringify(late));
    expect(detail).toMatchObject({ redrivable: true, notRedrivableBecause: null });

    await register('m-late');
    const redrive = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .set('X-Actor', 'console:alice')
      .send({ ids: [letter.id] })
      .expect(200);
    expect(redrive.body).toEqual({
      results: [{ id: letter.id, outcome: 'republished', attempt: 1 }],
      republished: 1,
      alreadyRedriven: 0,
      notFound: 0,
      notRedrivable: 0,
    });
    const settled = await expectEventually(async () => {
      const r = await reconciliation();
      expect(r.redriven.count).toBe(1);
      return r;
    });
    expect(settled).toMatchObject({
      received: 2,
      accepted: { count: 2 },
      duplicate: 0,
      rejected: { count: 0, amountMinor: 0, byReason: {} },
      parked: 0,
      redriven: { count: 1, byReason: { unknown_merchant: 1 }, byOutcome: { accepted: 1 } },
      balanced: true,
    });
    const after = (await http().get(`/v1/dead-letters/${letter.id}`).set(ops).expect(200)).body;
    expect(after).toMatchObject({
      status: 'redriven',
      redrivable: false,
      redrive: { attempt: 1, requestedBy: 'console:alice', apiKeyId: 'ops-console', outcome: 'accepted' },
    });

    // Once per dead letter: a second request is refused, and nothing more reaches the topic or the ledger.
    const again = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .send({ ids: [letter.id] })
      .expect(409);
    expect(again.body).toMatchObject({ alreadyRedriven: 1, republished: 0 });
    const redrives = await adminQuery(`SELECT 1 FROM "${schema.schema}".outbox WHERE event_type = 'Redrive'`);
    expect(redrives).toHaveLength(1);

    // A second copy of the same re-drive (a producer retry) is left out of the ledger.
    await producer.send([
      {
        topic: Topics.AcquirerTransactions,
        key: 'm-late',
        value: JSON.stringify(late),
        headers: { [RedriveHeaders.DeadLetterId]: letter.id, [RedriveHeaders.Attempt]: '1' },
      },
    ]);
    await drain();
    expect(await reconciliation()).toMatchObject({
      received: 2,
      accepted: { count: 2 },
      duplicate: 0,
      redriven: { count: 1 },
      balanced: true,
    });
  });

  it('should count a re-drive refused again once, as a new dead letter linked to the first, on the original day', async () => {
    const day = '2025-10-02';
    const broken = Buffer.from(
      JSON.stringify({
        ...rawTx({ acquirerId: ACQUIRER, occurredAt: `${day}T01:00:00.000Z` }),
        amountMinor: 'x',
      }),
    );
    await send(broken);
    await expectEventually(async () =>
      expect(await reconciliation(day)).toMatchObject({
        received: 1,
        rejected: { byReason: { schema_violation: 1 } },
      }),
    );
    const [letter] = (await list(`acquirerId=${ACQUIRER}&businessDate=${day}`)).items;
    expect(letter).toMatchObject({ reason: 'schema_violation', merchantId: null, status: 'dead' });
    await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .send({ ids: [letter.id] })
      .expect(200);
    const again = await expectEventually(async () => {
      const page = await list(`acquirerId=${ACQUIRER}&businessDate=${day}&status=dead`);
      expect(page.items).toHaveLength(1);
      return page.items[0];
    });
    expect(again).toMatchObject({ reason: 'schema_violation', redriveOf: letter.id, status: 'dead' });
    expect(await reconciliation(day)).toMatchObject({
      received: 1,
      rejected: { count: 1, byReason: { schema_violation: 1 } },
      redriven: { count: 1, byOutcome: { rejected: 1 } },
      balanced: true,
    });
    // The new dead letter can be re-driven after the next fix: attempt 2.
    const next = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .send({ ids: [again.id] })
      .expect(200);
    expect(next.body.results).toEqual([{ id: again.id, outcome: 'republished', attempt: 2 }]);
    await expectEventually(async () => {
      const page = await list(`acquirerId=${ACQUIRER}&businessDate=${day}&status=dead`);
      expect(page.items.map((i) => i.redriveOf)).toEqual([again.id]);
    });
    expect(await reconciliation(day)).toMatchObject({
      received: 1,
      rejected: { count: 1 },
      redriven: { count: 2, byOutcome: { rejected: 2 } },
      balanced: true,
    });
  });

  it('should keep the original headers of a message refused by a business rule', async () => {
    const zero = rawTx({
      acquirerId: ACQUIRER,
      merchantId: 'm-dl',
      amountMinor: 0,
      occurredAt: '2025-10-03T01:00:00.000Z',
    });
    await producer.send([
      {
        topic: Topics.AcquirerTransactions,
        key: 'm-dl',
        value: JSON.stringify(zero),
        headers: { 'correlation-id': 'corr-dl-1' },
      },
    ]);
    const letter = await expectEventually(async () => {
      const page = await list(`reason=non_positive_amount&businessDate=2025-10-03`);
      expect(page.items).toHaveLength(1);
      return page.items[0];
    });
    expect(letter).toMatchObject({ transactionId: zero.transactionId, messageKey: 'm-dl', amountMinor: 0 });
    const detail = (await http().get(`/v1/dead-letters/${letter.id}`).set(ops).expect(200)).body;
    expect(detail.headers).toEqual({ 'correlation-id': 'corr-dl-1' });
  });

  it('should show bytes that are not UTF-8 safely and refuse to re-drive them', async () => {
    await producer.send([
      {
        topic: Topics.AcquirerTransactions,
        key: 'k\u0000',
        value: Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x41]),
        headers: { 'x-evil': Buffer.from([0x00, 0xff]) },
      },
    ]);
    const letter = await expectEventually(async () => {
      const page = await list('acquirerId=unknown');
      const found = page.items.find((i) => i.sizeBytes === 5);
      expect(found).toBeDefined();
      return found!;
    });
    expect(letter.preview).toBe('{\ufffd\ufffd\\u0000A');
    const detail = (await http().get(`/v1/dead-letters/${letter.id}`).set(ops).expect(200)).body;
    expect(detail.valueBase64).toBe(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x41]).toString('base64'));
    expect(detail.redrivable).toBe(false);
    expect(detail.headers['x-evil']).toBe('\ufffd\ufffd');
    expect(detail.messageKey).toBe('k\ufffd');
    const response = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .send({ ids: [letter.id] })
      .expect(200);
    expect(response.body).toMatchObject({ republished: 0, notRedrivable: 1 });
  });

  it('should page newest first with cursors and refuse tampered cursors', async () => {
    const all = await list('limit=200');
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const misses = await tamperedCursorMisses((c) =>
      http()
        .get(`/v1/dead-letters?cursor=${encodeURIComponent(c)}`)
        .set(ops),
    );
    expect(misses).toEqual([]);
  });

  it('should answer 400 with field errors, 401 without a key, 403 without the scope and 404 for an unknown id', async () => {
    const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
    for (const [query, field] of [
      ['reason=nonsense', 'reason'],
      ['businessDate=2025-02-30', 'businessDate'],
      ['limit=0', 'limit'],
      ['status=gone', 'status'],
      ['from=yesterday', 'from'],
    ]) {
      const response = await http().get(`/v1/dead-letters?${query}`).set(ops).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
    }
    expect(fieldsOf((await http().get('/v1/dead-letters/not-a-uuid').set(ops).expect(400)).body)).toEqual([
      'id',
    ]);
    for (const body of [
      {},
      { ids: [] },
      { ids: ['x'] },
      { ids: Array(101).fill('0193a1b2-0000-7000-8000-000000000001') },
    ]) {
      const response = await http().post('/v1/dead-letters/redrives').set(ops).send(body).expect(400);
      expect(fieldsOf(response.body)).toContain('ids');
    }
    const badActor = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .set('X-Actor', 'bad actor with spaces')
      .send({ ids: ['0193a1b2-0000-7000-8000-000000000001'] })
      .expect(400);
    expect(fieldsOf(badActor.body)).toEqual(['X-Actor']);

    await http().get('/v1/dead-letters').expect(401);
    await http().post('/v1/dead-letters/redrives').send({ ids: [] }).expect(401);
    await http().get('/v1/dead-letters').set(bearer(NO_SCOPE_SECRET)).expect(403);
    await http().get('/v1/dead-letters').set(bearer(READER_SECRET)).expect(200);
    await http()
      .post('/v1/dead-letters/redrives')
      .set(bearer(READER_SECRET))
      .send({ ids: ['0193a1b2-0000-7000-8000-000000000001'] })
      .expect(403);

    await http().get('/v1/dead-letters/0193a1b2-0000-7000-8000-000000000001').set(ops).expect(404);
    const unknown = await http()
      .post('/v1/dead-letters/redrives')
      .set(ops)
      .send({ ids: ['0193a1b2-0000-7000-8000-000000000001'] })
      .expect(404);
    expect(unknown.body).toMatchObject({ notFound: 1, republished: 0 });
    await http()
      .get(`/v1/dead-letters/${'0'.repeat(8)}`)
      .set(bearer(TEST_ADMIN_SECRET))
      .expect(400);
  });

  it('should drop stored dead letters first seen before the retention cutoff and keep the newer ones', async () => {
    const { items } = await list('status=dead&limit=200');
    expect(items.length).toBeGreaterThanOrEqual(2);
    const [old, recent] = items;
    await adminQuery(
      `UPDATE "${schema.schema}".dead_letters SET first_seen_at = now() - interval '30 months' WHERE id = $1`,
      [old.id],
    );
    await app.get(MaintenanceJob).runOnce();
    await http().get(`/v1/dead-letters/${old.id}`).set(ops).expect(404);
    await http().get(`/v1/dead-letters/${recent.id}`).set(ops).expect(200);
  });
});
