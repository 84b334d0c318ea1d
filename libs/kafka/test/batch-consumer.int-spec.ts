import { DeadLetterHeaders, deadLetterTopicOf, Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  testInfra,
  testKafka,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
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

jest.setTimeout(90_000);

describe(BatchConsumerRunner.name, () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let ds: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('runner');
    topics = await createTestTopics('runner', 1);
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await createLedgerTables(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await schema.drop();
    await topics.drop();
  });

  it('should commit the rest of a batch and dead-letter malformed, rejected and poison messages with their original bytes', async () => {
    const topic = Topics.AcquirerTransactions;
    const good: LedgerEvent[] = Array.from({ length: 60 }, (_, i) => ({
      id: `g${i}`,
      merchantId: 'm1',
      amount: 10,
    }));
    const malformed = Buffer.from('{"id": "broken", ');
    const rejected: LedgerEvent = { id: 'r1', merchantId: 'ghost', amount: 5 };
    const poison: LedgerEvent = { id: 'p1', merchantId: 'm1', amount: 666 };
    const values: Buffer[] = [
      ...good.slice(0, 20).map((e) => Buffer.from(JSON.stringify(e))),
      malformed,
      Buffer.from(JSON.stringify(rejected)),
      ...good.slice(20, 40).map((e) => Buffer.from(JSON.stringify(e))),
      Buffer.from(JSON.stringify(poison)),
      ...good.slice(40).map((e) => Buffer.from(JSON.stringify(e))),
    ];
    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'runner-test' });
    const namer = new TopicNamer(topics.prefix);
    const producer = new EventProducer(kafka, namer);
    await producer.send(values.map((value) => ({ topic, key: 'm1', value })));

    const lag: number[] = [];
    const deadLetterCounts: Record<string, number> = {};
    const metrics: KafkaMetricsSink = {
      consumerLag: (_t, _p, _g, value) => lag.push(value),
      deadLetters: (_t, reason, n) => (deadLetterCounts[reason] = (deadLetterCounts[reason] ?? 0) + n),
      outboxPending: () => undefined,
    };
    const accounted: string[] = [];
    const runner = new BatchConsumerRunner<LedgerEvent>({
      kafka,
      dataSource: ds,
      producer,
      groupId: 'runner-test',
      topics: [topic],
      topicNamer: namer,
      metrics,
      parse: (raw) => parseLedgerEvent(raw),
      handle: async ({ valid, invalid }, { manager }) => {
        accounted.push(...invalid.map((i) => i.reason));
        if (valid.some((v) => v.value.amount === 666)) throw new Error('cannot apply amount 666');
        const known = valid.filter((v) => v.value.merchantId !== 'ghost');
        await applyLedgerEvents(
          manager,
          'runner-test',
          known.map((v) => v.value),
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
    await runner.start();
    try {
      await expectEventually(async () => expect((await ledgerTotals(ds)).count).toBe(60));
      const dlq = await readTopic(testKafka(), topics.prefix + deadLetterTopicOf(topic), { count: 3 });
      const byReason = Object.fromEntries(dlq.map((m) => [m.headers[DeadLetterHeaders.Reason], m]));
      expect(Object.keys(byReason).sort()).toEqual([
        'malformed_json',
        'processing_failed',
        'unknown_merchant',
      ]);
      expect(byReason.malformed_json.value).toEqual(malformed);
      expect(JSON.parse(byReason.unknown_merchant.value!.toString())).toEqual(rejected);
      expect(JSON.parse(byReason.processing_failed.value!.toString())).toEqual(poison);
      expect(byReason.processing_failed.headers[DeadLetterHeaders.Detail]).toContain(
        'cannot apply amount 666',
      );
      expect(byReason.unknown_merchant.headers[DeadLetterHeaders.OriginalTopic]).toBe(topic);
      expect(deadLetterCounts).toEqual({ malformed_json: 1, unknown_merchant: 1, processing_failed: 1 });
      expect(accounted).toContain('processing_failed');
      await expectEventually(async () =>
        expect(await committedOffset(runner.groupId, topics.prefix + topic)).toBe(63),
      );
      expect(lag.at(-1)).toBe(0);
    } finally {
      await runner.stop();
      await producer.disconnect();
    }
    expect(await ledgerTotals(ds)).toEqual({ count: 60, distinct: 60, sum: 600 });
  });
});

async function committedOffset(groupId: string, topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}
