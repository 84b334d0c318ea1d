import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { DeadLetterHeaders, deadLetterTopicOf, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  startTestApp,
  testKafka,
  testServiceEnv,
  topicMessageCount,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(120_000);

/**
 * Hostile input and database faults on the raw-transaction path: whatever happens, every message ends
 * in exactly one ledger outcome, only the genuinely bad reach the dead-letter topic, nothing twice.
 */
describe('transaction-ingestion hostile messages and faults (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  const kafka = testKafka();
  const dlq = () => topics.prefix + deadLetterTopicOf(Topics.AcquirerTransactions);
  let dlqSeen = 0;

  /** Ledger lines of one business date: `outcome/reason/acquirer` → count. */
  const ledger = async (date: string) => {
    const rows = await adminQuery<{ k: string; n: string }>(
      `SELECT outcome || '/' || reason || '/' || acquirer_id AS k, sum(count) AS n FROM "${schema.schema}".ingest_ledger
        WHERE business_date = $1 GROUP BY 1`,
      [date],
    );
    return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
  };
  /** The dead letters published since the previous call. */
  const newDeadLetters = async () => {
    const total = await topicMessageCount(kafka, dlq());
    const all = total === 0 ? [] : await readTopic(kafka, dlq(), { count: total });
    const fresh = all.sort((a, b) => Number(a.offset) - Number(b.offset)).slice(dlqSeen);
    dlqSeen = total;
    return fresh;
  };
  const send = (values: Array<string | object>, key = 'm-1') =>
    producer.send(
      values.map((v) => ({
        topic: Topics.AcquirerTransactions,
        key,
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    );
  const sql = (statement: string) => adminQuery(statement.replaceAll('$schema', `"${schema.schema}"`));

  beforeAll(async () => {
    schema = await createTestSchema('ingestion_hostile');
    topics = await createTestTopics('ingestion_hostile');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: { MAINTENANCE_INTERVAL_MS: '3600000' },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
    await producer.send(
      [merchantRegistered('m-1'), feePlanChanged('m-1', 38)].map((e) => ({
        topic: Topics.MerchantLifecycle,
        key: e.merchantId,
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

  it('should accept every good transaction and dead-letter only the bad one when an acquirerId is NUL among thousands', async () => {
    const date = '2025-09-02';
    const good = Array.from({ length: 5_000 }, () => rawTx({ occurredAt: `${date}T03:00:00.000Z` }));
    const bad = JSON.stringify({
      ...rawTx({ occurredAt: `${date}T03:00:00.000Z` }),
      acquirerId: '\u0000',
      amountMinor: 'lots',
    });
    const all = [...good.slice(0, 2_345), bad, ...good.slice(2_345)];
    // One produce request per 1,000 (the broker's 1 MB limit); consumed as one chunk all the same.
    for (let i = 0; i < all.length; i += 1_000) await send(all.slice(i, i + 1_000));

    await expectEventually(
      async () =>
        expect(await ledger(date)).toEqual({
          'accepted/purchase.approved/acq-1': 5_000,
          'rejected/schema_violation/unknown': 1,
        }),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const letters = await newDeadLetters();
    expect(letters.map((l) => [l.headers[DeadLetterHeaders.Reason], l.value?.toString()])).toEqual([
      ['schema_violation', bad],
    ]);
  });

  it('should retry, never dead-letter, when the database times a statement out or drops the connection', async () => {
    const date = '2025-09-03';
    await sql(`CREATE SEQUENCE $schema.fault_calls;
      CREATE FUNCTION $schema.inject_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE n bigint := nextval('$schema.fault_calls');
      BEGIN
        IF n <= 2 THEN RAISE EXCEPTION 'injected statement timeout' USING ERRCODE = '57014'; END IF;
        IF n = 3 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER inject_fault BEFORE INSERT ON $schema.transactions FOR EACH STATEMENT EXECUTE FUNCTION $schema.inject_fault();`);
    try {
      await send([1, 2].map(() => rawTx({ occurredAt: `${date}T03:00:00.000Z` })));
      await expectEventually(
        async () => expect(await ledger(date)).toEqual({ 'accepted/purchase.approved/acq-1': 2 }),
        {
          timeoutMs: 60_000,
          intervalMs: 250,
        },
      );
      const [{ n }] = await sql(`SELECT last_value AS n FROM $schema.fault_calls`);
      expect(Number(n)).toBeGreaterThanOrEqual(4);
      expect(await newDeadLetters()).toEqual([]);
    } finally {
      await sql(
        `DROP TRIGGER inject_fault ON $schema.transactions; DROP FUNCTION $schema.inject_fault(); DROP SEQUENCE $schema.fault_calls;`,
      );
    }
  });

  it('should count nothing twice when a transient error interrupts the bisection of a chunk holding a poison message', async () => {
    const date = '2025-09-04';
    const good = Array.from({ length: 40 }, () => rawTx({ occurredAt: `${date}T03:00:00.000Z` }));
    const poison = rawTx({ occurredAt: `${date}T03:00:00.000Z`, transactionId: `poison-${process.pid}` });
    // The poison fails its row (a data error: bisect); ledger writes 2..7 fail transiently (40001),
    // which lands in the middle of the bisection, after the first half was applied.
    await sql(`CREATE SEQUENCE $schema.ledger_calls;
      CREATE FUNCTION $schema.reject_poison() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.transaction_id LIKE 'poison-%' THEN RAISE EXCEPTION 'injected poison' USING ERRCODE = '23514'; END IF;
        RETURN NEW;
      END $f$;
      CREATE FUNCTION $schema.flaky_ledger() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE n bigint := nextval('$schema.ledger_calls');
      BEGIN
        IF n BETWEEN 2 AND 7 THEN RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'; END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER reject_poison BEFORE INSERT ON $schema.transactions FOR EACH ROW EXECUTE FUNCTION $schema.reject_poison();
      CREATE TRIGGER flaky_ledger BEFORE INSERT ON $schema.ingest_ledger FOR EACH STATEMENT EXECUTE FUNCTION $schema.flaky_ledger();`);
    try {
      await send([...good, poison]);
      await expectEventually(
        async () =>
          expect(await ledger(date)).toEqual({
            'accepted/purchase.approved/acq-1': 40,
            'rejected/processing_failed/acq-1': 1,
          }),
        { timeoutMs: 90_000, intervalMs: 250 },
      );
      // Settled: nothing more arrives (a double count would show up as duplicates).
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await ledger(date)).toEqual({
        'accepted/purchase.approved/acq-1': 40,
        'rejected/processing_failed/acq-1': 1,
      });
      const letters = await newDeadLetters();
      expect(
        letters.map((l) => [
          l.headers[DeadLetterHeaders.Reason],
          JSON.parse(l.value!.toString()).transactionId,
        ]),
      ).toEqual([['processing_failed', poison.transactionId]]);
    } finally {
      await sql(`DROP TRIGGER reject_poison ON $schema.transactions; DROP TRIGGER flaky_ledger ON $schema.ingest_ledger;
        DROP FUNCTION $schema.reject_poison(); DROP FUNCTION $schema.flaky_ledger(); DROP SEQUENCE $schema.ledger_calls;`);
    }
  });
});
