import { DeadLetterHeaders, deadLetterTopicOf, Topics } from '@merchant-pulse/contracts';
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
import { ConfigResourceTypes } from 'kafkajs';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BatchConsumerRunner, createKafkaClient, EventProducer, KafkaMetricsSink, TopicNamer } from '../src';
import {
  applyLedgerEvents,
  createLedgerTables,
  ledgerDataSource,
  LedgerEvent,
  ledgerTotals,
  parseLedgerEvent,
} from './fixtures/ledger.fixture';

jest.setTimeout(120_000);

const topic = Topics.AcquirerTransactions;

/** Dead letters of one big chunk: requests bounded by bytes, oversized letters kept in a table. */
describe('dead letters of a large chunk', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let ds: DataSource;

  beforeEach(async () => {
    schema = await createTestSchema('dlq');
    topics = await createTestTopics('dlq', 1);
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await createLedgerTables(ds);
  });

  afterEach(async () => {
    await ds.destroy();
    await schema.drop();
    await topics.drop();
  });

  /** Source messages produced as-is (a raw producer: the acquirer's, not ours, bounded by the broker only). */
  async function produceRaw(values: Buffer[]): Promise<void> {
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (const value of values)
        await producer.send({ topic: topics.prefix + topic, messages: [{ key: 'm1', value }] });
    } finally {
      await producer.disconnect();
    }
  }

  function startRunner(producer: EventProducer, metrics: KafkaMetricsSink, kafkaClientId: string) {
    const runner = new BatchConsumerRunner<LedgerEvent>({
      kafka: createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: kafkaClientId }),
      dataSource: ds,
      producer,
      groupId: kafkaClientId,
      topics: [topic],
      topicNamer: new TopicNamer(topics.prefix),
      chunkSize: 10_000,
      maxBytesPerPartition: 8_000_000,
      metrics,
      parse: (raw) => parseLedgerEvent(raw),
      handle: async ({ valid }, { manager }) => {
        await applyLedgerEvents(
          manager,
          kafkaClientId,
          valid.filter((v) => v.value.merchantId !== 'ghost').map((v) => v.value),
        );
        return valid
          .filter((v) => v.value.merchantId === 'ghost')
          .map((v) => ({
            meta: v.meta,
            reason: 'unknown_merchant',
            detail: 'merchant ghost is not registered',
          }));
      },
    });
    return runner;
  }

  function countingMetrics() {
    const dead: Record<string, number> = {};
    const overflow: Record<string, number> = {};
    const sink: KafkaMetricsSink = {
      consumerLag: () => undefined,
      deadLetters: (_t, reason, n) => (dead[reason] = (dead[reason] ?? 0) + n),
      deadLettersOverflow: (_t, reason, n) => (overflow[reason] = (overflow[reason] ?? 0) + n),
      outboxPending: () => undefined,
    };
    return { sink, dead, overflow };
  }

  it('should get all 1,600 rejects of ~1 kB from one 2,000-message chunk into the dead-letter topic', async () => {
    const pad = 'p'.repeat(1_000);
    const events = Array.from({ length: 2_000 }, (_, i) => ({
      id: `e${i}`,
      merchantId: i % 5 === 0 ? 'm1' : 'ghost',
      amount: 1,
      pad,
    }));
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < events.length; i += 500)
      await producer.send({
        topic: topics.prefix + topic,
        messages: events.slice(i, i + 500).map((e) => ({ key: 'm1', value: JSON.stringify(e) })),
      });
    await producer.disconnect();

    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'dlq-bulk' });
    const dlqProducer = new EventProducer(kafka, new TopicNamer(topics.prefix));
    const metrics = countingMetrics();
    const runner = startRunner(dlqProducer, metrics.sink, 'dlq-bulk');
    await runner.start();
    try {
      const dlqTopic = topics.prefix + deadLetterTopicOf(topic);
      await expectEventually(async () => expect(await topicMessageCount(testKafka(), dlqTopic)).toBe(1_600), {
        timeoutMs: 30_000,
      });
      expect(metrics.dead).toEqual({ unknown_merchant: 1_600 });
      expect(metrics.overflow).toEqual({});
      expect(await ledgerTotals(ds)).toEqual({ count: 400, distinct: 400, sum: 400 });
    } finally {
      await runner.stop();
      await dlqProducer.disconnect();
    }
  });

  it('should keep in dead_letter_overflow, never drop, a message the dead-letter topic cannot take', async () => {
    // The source topic takes messages up to 3 MB; its dead-letter twin keeps the broker default
    // (1,048,588 bytes per batch). A 1,048,450-byte message fits the source but not the DLQ once the
    // x-dlq-* headers are added: the broker refuses it. A 2 MB one exceeds even the producer's bound.
    const admin = testKafka().admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topics.prefix + topic,
          configEntries: [{ name: 'max.message.bytes', value: '3000000' }],
        },
      ],
    });
    await admin.disconnect();
    const brokerEdge = Buffer.alloc(1_048_450, 'y');
    const twoMb = Buffer.alloc(2_000_000, 'z');
    const small = (id: string) => Buffer.from(JSON.stringify({ id, merchantId: 'ghost', amount: 1 }));
    await produceRaw([small('s0'), brokerEdge, small('s1'), twoMb, small('s2')]);

    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'dlq-overflow' });
    // A bound above the broker's limit, so the broker itself refuses the 1 MB letter.
    const dlqProducer = new EventProducer(kafka, new TopicNamer(topics.prefix), {
      maxRequestBytes: 1_500_000,
    });
    const metrics = countingMetrics();
    const runner = startRunner(dlqProducer, metrics.sink, 'dlq-overflow');
    await runner.start();
    try {
      await expectEventually(
        async () => {
          const [row] = await ds.query(`SELECT count(*)::int AS n FROM dead_letter_overflow`);
          expect(row.n).toBe(2);
        },
        { timeoutMs: 30_000 },
      );
      const stored: Array<{ offset: string; sha: string; reason: string; detail: string; bytes: number }> =
        await ds.query(
          `SELECT "offset"::text AS offset, encode(sha256(value), 'hex') AS sha, reason, detail, bytes,
                  headers->>'${DeadLetterHeaders.Reason}' AS dlq_reason
             FROM dead_letter_overflow ORDER BY "offset"`,
        );
      expect(stored.map((s) => [s.offset, s.sha, s.reason])).toEqual([
        ['1', sha256(brokerEdge), 'malformed_json'],
        ['3', sha256(twoMb), 'malformed_json'],
      ]);
      expect(stored[0].detail).toContain('MESSAGE_TOO_LARGE');
      expect(stored[1].bytes).toBeGreaterThan(2_000_000);
      const dlqTopic = topics.prefix + deadLetterTopicOf(topic);
      await expectEventually(async () => expect(await topicMessageCount(testKafka(), dlqTopic)).toBe(3));
      expect(metrics.dead).toEqual({ unknown_merchant: 3, malformed_json: 2 });
      expect(metrics.overflow).toEqual({ malformed_json: 2 });
    } finally {
      await runner.stop();
      await dlqProducer.disconnect();
    }
  });
});

function sha256(value: Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}
