import { Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  testKafka,
  TestSchema,
  TestTopics,
  topicMessageCount,
} from '@merchant-pulse/testing';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  BatchConsumerRunner,
  createKafkaClient,
  enqueueOutboxEvents,
  EventProducer,
  TopicNamer,
} from '../src';
import { exited, startFixture } from './fixtures/child-process';
import {
  applyLedgerEvents,
  createLedgerTables,
  ledgerDataSource,
  LedgerEvent,
  ledgerTotals,
  parseLedgerEvent,
} from './fixtures/ledger.fixture';

jest.setTimeout(180_000);

describe('no loss and no duplicated effects across SIGKILL', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let ds: DataSource;
  let children: ChildProcess[] = [];

  beforeEach(async () => {
    schema = await createTestSchema('kill');
    topics = await createTestTopics('kill');
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await createLedgerTables(ds);
  });

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    children = [];
    await ds.destroy();
    await schema.drop();
    await topics.drop();
  });

  const childEnv = () => ({
    DATABASE_URL: schema.url,
    SCHEMA: schema.schema,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topics.prefix,
  });

  it('should apply every event exactly once when the consumer is killed mid-batch and restarted', async () => {
    const total = 20_000;
    const events: LedgerEvent[] = Array.from({ length: total }, (_, i) => ({
      id: `e${i}`,
      merchantId: `m${i % 700}`,
      amount: (i % 997) + 1,
    }));
    const redelivered = events.slice(0, 500); // the same events delivered twice must count once
    const expectedSum = events.reduce((s, e) => s + e.amount, 0);
    const kafka = testKafka();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const batch of chunks([...events, ...redelivered], 2_000)) {
      await producer.send({
        topic: topics.prefix + Topics.AcquirerTransactions,
        messages: batch.map((e) => ({ key: e.merchantId, value: JSON.stringify(e) })),
      });
    }
    await producer.disconnect();

    const env = {
      ...childEnv(),
      TOPIC: Topics.AcquirerTransactions,
      CHUNK_SIZE: '250',
      CHUNK_DELAY_MS: '40',
    };
    const first = await startFixture('consumer-worker', env);
    children.push(first);
    await expectEventually(async () => expect((await ledgerTotals(ds)).count).toBeGreaterThan(3_000), {
      timeoutMs: 60_000,
    });
    first.kill('SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    const atKill = await ledgerTotals(ds);
    expect(atKill.count).toBeLessThan(total);

    const second = await startFixture('consumer-worker', { ...env, CHUNK_DELAY_MS: '0' });
    children.push(second);
    await expectEventually(async () => expect((await ledgerTotals(ds)).distinct).toBe(total), {
      timeoutMs: 120_000,
    });
    second.kill('SIGTERM');
    expect((await exited(second)).code).toBe(0);

    const final = await ledgerTotals(ds);
    expect(final).toEqual({ count: total, distinct: total, sum: expectedSum });
  });

  it('should publish every outbox event at least once and apply it once when the relay is killed mid-publish', async () => {
    const total = 3_000;
    const events = Array.from({ length: total }, (_, i) => ({
      id: uuidV7Like(i),
      type: 'LedgerCredited',
      version: 1,
      merchantId: `m${i % 97}`,
      amount: (i % 501) + 1,
    }));
    const expectedSum = events.reduce((s, e) => s + e.amount, 0);
    await ds.transaction((tx) => enqueueOutboxEvents(tx, events, () => Topics.MerchantLifecycle));

    const env = { ...childEnv(), BATCH_SIZE: '100', PAUSE_MS: '60' };
    const first = await startFixture('relay-worker', env);
    children.push(first);
    await expectEventually(
      async () => {
        const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL`);
        expect(row.n).toBeGreaterThanOrEqual(500);
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    first.kill('SIGKILL');
    await exited(first);
    const [{ n: pendingAtKill }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
    );
    expect(pendingAtKill).toBeGreaterThan(0);

    const second = await startFixture('relay-worker', { ...env, PAUSE_MS: '0' });
    children.push(second);
    await expectEventually(
      async () => {
        const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
        expect(row.n).toBe(0);
      },
      { timeoutMs: 60_000 },
    );
    second.kill('SIGTERM');
    await exited(second);

    const physical = topics.prefix + Topics.MerchantLifecycle;
    expect(await topicMessageCount(testKafka(), physical)).toBeGreaterThanOrEqual(total);

    // Apply what was published through an idempotent consumer: each event exactly once.
    const namer = new TopicNamer(topics.prefix);
    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'relay-check' });
    const producer = new EventProducer(kafka, namer);
    const runner = new BatchConsumerRunner<LedgerEvent>({
      kafka,
      dataSource: ds,
      producer,
      groupId: 'relay-check',
      topics: [Topics.MerchantLifecycle],
      topicNamer: namer,
      parse: (raw) => parseLedgerEvent(raw),
      handle: ({ valid }, { manager }) =>
        applyLedgerEvents(
          manager,
          'relay-check',
          valid.map((v) => v.value),
        ),
    });
    await runner.start();
    try {
      await expectEventually(async () => expect((await ledgerTotals(ds)).distinct).toBe(total), {
        timeoutMs: 60_000,
      });
    } finally {
      await runner.stop();
      await producer.disconnect();
    }
    expect(await ledgerTotals(ds)).toEqual({ count: total, distinct: total, sum: expectedSum });
  });
});

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function uuidV7Like(i: number): string {
  const u = randomUUID();
  return `${i.toString(16).padStart(8, '0')}${u.slice(8)}`;
}
