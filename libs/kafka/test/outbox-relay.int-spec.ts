import { Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  testInfra,
  testKafka,
  TestSchema,
  TestTopics,
  topicMessageCount,
} from '@merchant-pulse/testing';
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createKafkaClient,
  EventProducer,
  EventProducerOptions,
  KafkaMetricsSink,
  OutboxRelay,
  OutgoingRecord,
  pruneInbox,
  pruneOutbox,
  TopicNamer,
} from '../src';
import { createLedgerTables, ledgerDataSource } from './fixtures/ledger.fixture';

jest.setTimeout(120_000);

const topic = Topics.MerchantLifecycle;
/** The per-key order test's own topic. */
const orderTopic = Topics.ChurnRisk;

/** Waits a random 0–40 ms before each request, so two relays' rounds overlap and race. */
class JitteryProducer extends EventProducer {
  constructor(kafka: Kafka, namer: TopicNamer, options?: EventProducerOptions) {
    super(kafka, namer, options);
  }

  override async send(records: OutgoingRecord[]): Promise<void> {
    await new Promise((r) => setTimeout(r, Math.random() * 40));
    await super.send(records);
  }
}

describe(OutboxRelay.name, () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let ds: DataSource;
  const stops: Array<() => Promise<unknown>> = [];

  // One schema and one topic catalogue for the suite (creating topics per test races the broker's
  // metadata); each test starts from empty tables and uses its own topic.
  beforeAll(async () => {
    schema = await createTestSchema('outbox');
    topics = await createTestTopics('outbox');
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await createLedgerTables(ds);
  });

  beforeEach(async () => {
    await ds.query(`TRUNCATE outbox, outbox_failed, inbox`);
  });

  afterEach(async () => {
    while (stops.length) await stops.pop()!();
  });

  afterAll(async () => {
    await ds.destroy();
    await schema.drop();
    await topics.drop();
  });

  async function insertRows(rows: Array<{ topic: string; key: string; value: string }>): Promise<void> {
    await ds.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, value)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        rows.map(() => randomUUID()),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map(() => 'Test'),
        rows.map((r) => r.value),
      ],
    );
  }

  function producer(options: EventProducerOptions = {}, Producer = EventProducer): EventProducer {
    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'outbox-test' });
    const p = new Producer(kafka, new TopicNamer(topics.prefix), options);
    stops.push(() => p.disconnect());
    return p;
  }

  function startRelay(p: EventProducer, metrics?: KafkaMetricsSink, batchSize = 100): OutboxRelay {
    const relay = new OutboxRelay(ds, p, { batchSize, idleMs: 20, metrics });
    relay.start();
    stops.push(() => relay.stop());
    return relay;
  }

  it('should move rows that can never be published to outbox_failed, count them and publish the rows behind them', async () => {
    const json = (n: number) => JSON.stringify({ n });
    await insertRows([
      { topic, key: 'a', value: json(0) },
      // Within the producer's bound (1.5 MB here) but above the broker's 1,048,588: the broker refuses it.
      { topic, key: 'a', value: 'x'.repeat(1_048_600) },
      // Above the producer's bound: refused before sending.
      { topic, key: 'b', value: 'y'.repeat(2_000_000) },
      { topic: 'no.such.topic.v1', key: 'b', value: json(-1) },
      ...Array.from({ length: 8 }, (_, i) => ({ topic, key: i % 2 ? 'a' : 'b', value: json(i + 1) })),
    ]);
    const failed: Record<string, number> = {};
    const metrics: KafkaMetricsSink = {
      consumerLag: () => undefined,
      deadLetters: () => undefined,
      outboxPending: () => undefined,
      outboxFailed: (_t, error, n) => (failed[error] = (failed[error] ?? 0) + n),
    };
    // Few retries, so the missing topic is declared missing in about a second.
    startRelay(
      producer({
        maxRequestBytes: 1_500_000,
        retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 300 },
      }),
      metrics,
    );

    await expectEventually(
      async () => {
        const [row] = await ds.query(
          `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending,
                  count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM outbox`,
        );
        expect(row).toEqual({ pending: 0, published: 9 });
      },
      { timeoutMs: 30_000 },
    );
    const moved: Array<{ topic: string; bytes: number; last_error: string; attempts: number }> =
      await ds.query(
        `SELECT topic, length(value) AS bytes, last_error, attempts FROM outbox_failed ORDER BY seq`,
      );
    expect(moved.map((m) => [m.topic, m.bytes])).toEqual([
      [topic, 1_048_600],
      [topic, 2_000_000],
      ['no.such.topic.v1', 8],
    ]);
    expect(moved[0].last_error).toContain('MESSAGE_TOO_LARGE');
    expect(moved[1].last_error).toContain('exceed the producer');
    expect(moved[2].last_error).toContain('UNKNOWN_TOPIC_OR_PARTITION');
    expect(failed).toEqual({ MESSAGE_TOO_LARGE: 2, UNKNOWN_TOPIC_OR_PARTITION: 1 });
    // The request the broker refused may have been appended on the other partition: at least once.
    const total = await topicMessageCount(testKafka(), topics.prefix + topic);
    expect(total).toBeLessThanOrEqual(13);
    const published = await readTopic(testKafka(), topics.prefix + topic, { count: total });
    const values = published.map((m) => JSON.parse(m.value!.toString()).n as number);
    expect([...new Set(values)].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('should keep the rows pending with their last error when the broker is unreachable', async () => {
    await insertRows([{ topic, key: 'a', value: '{"n":0}' }]);
    // Nothing listens on port 1: every connection is refused, a transient failure.
    const kafka = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'outbox-down', retries: 1 });
    const down = new EventProducer(kafka, new TopicNamer(topics.prefix), { retry: { retries: 1 } });
    const relay = new OutboxRelay(ds, down, {
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });

    await expect(relay.publishBatch()).rejects.toThrow('outbox publish interrupted');
    await expect(relay.publishBatch()).rejects.toThrow('outbox publish interrupted');

    const [row] = await ds.query(`SELECT published_at, attempts, last_error FROM outbox`);
    expect(row.published_at).toBeNull();
    expect(row.attempts).toBe(2);
    expect(row.last_error).toMatch(/ECONNREFUSED|Connection/);
    const [failed] = await ds.query(`SELECT count(*)::int AS n FROM outbox_failed`);
    expect(failed.n).toBe(0);
  });

  it('should keep per-key order when two relays claim concurrently', async () => {
    const keys = 20;
    const perKey = 100;
    await insertRows(
      Array.from({ length: keys * perKey }, (_, i) => ({
        topic: orderTopic,
        key: `k${i % keys}`,
        value: JSON.stringify({ key: `k${i % keys}`, n: Math.floor(i / keys) }),
      })),
    );
    startRelay(producer({}, JitteryProducer));
    startRelay(producer({}, JitteryProducer));

    const messages = await readTopic(testKafka(), topics.prefix + orderTopic, {
      count: keys * perKey,
      timeoutMs: 60_000,
    });
    expect(messages).toHaveLength(keys * perKey);
    const order = new Map<string, number[]>();
    for (const m of [...messages].sort(
      (x, y) => x.partition - y.partition || Number(x.offset) - Number(y.offset),
    )) {
      const { key, n } = JSON.parse(m.value!.toString()) as { key: string; n: number };
      order.set(key, [...(order.get(key) ?? []), n]);
    }
    const expected = Array.from({ length: perKey }, (_, n) => n);
    for (const [key, ns] of order) expect({ key, ns }).toEqual({ key, ns: expected });
    expect(order.size).toBe(keys);
  });

  it('should prune only published outbox rows and inbox entries older than the retention, in bounded batches', async () => {
    const day = 86_400_000;
    await insertRows(Array.from({ length: 250 }, (_, i) => ({ topic, key: 'old', value: String(i) })));
    await ds.query(`UPDATE outbox SET published_at = now() - interval '3 days'`);
    await insertRows(Array.from({ length: 30 }, (_, i) => ({ topic, key: 'recent', value: String(i) })));
    await ds.query(`UPDATE outbox SET published_at = now() - interval '1 hour' WHERE message_key = 'recent'`);
    await insertRows(Array.from({ length: 20 }, (_, i) => ({ topic, key: 'pending', value: String(i) })));
    await ds.query(`UPDATE outbox SET created_at = now() - interval '5 days' WHERE message_key = 'pending'`);
    await ds.query(
      `INSERT INTO inbox (consumer, event_id, processed_at)
       SELECT 'c', 'old-' || g, now() - interval '30 days' FROM generate_series(1, 120) g
       UNION ALL SELECT 'c', 'new-' || g, now() - interval '1 day' FROM generate_series(1, 10) g`,
    );
    const count = async (where: string) =>
      ((await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE ${where}`)) as Array<{ n: number }>)[0].n;

    expect(await pruneOutbox(ds, { retentionMs: day, batchSize: 100, maxBatches: 2 })).toBe(200);
    expect(await count(`message_key = 'old'`)).toBe(50);
    expect(await pruneOutbox(ds, { retentionMs: day, batchSize: 100, maxBatches: 2 })).toBe(50);
    expect(await pruneOutbox(ds, { retentionMs: day, batchSize: 100, maxBatches: 2 })).toBe(0);
    expect(await count(`message_key = 'recent'`)).toBe(30);
    expect(await count(`message_key = 'pending' AND published_at IS NULL`)).toBe(20);

    expect(await pruneInbox(ds, { retentionMs: 14 * day, batchSize: 50, maxBatches: 10 })).toBe(120);
    const inbox: Array<{ event_id: string }> = await ds.query(`SELECT event_id FROM inbox ORDER BY event_id`);
    expect(inbox.every((r) => r.event_id.startsWith('new-'))).toBe(true);
    expect(inbox).toHaveLength(10);
  });
});
