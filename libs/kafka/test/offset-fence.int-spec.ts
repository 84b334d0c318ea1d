import { Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  testKafka,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { DataSource, EntityManager } from 'typeorm';
import {
  BatchConsumerRunner,
  createKafkaClient,
  EventProducer,
  OffsetFenceStore,
  StoredFence,
  TopicNamer,
} from '../src';
import { ledgerDataSource, LedgerEvent, parseLedgerEvent } from './fixtures/ledger.fixture';

jest.setTimeout(120_000);

/** A fence kept in a table, as a service keeps it. */
const fenceStore: OffsetFenceStore = {
  async lock(manager: EntityManager, topic: string, partition: number): Promise<StoredFence> {
    const [row] = (await manager.query(
      `INSERT INTO fences AS f (topic, partition, next) VALUES ($1, $2, 0)
       ON CONFLICT (topic, partition) DO UPDATE SET next = f.next RETURNING next::text AS n, fingerprint AS fp`,
      [topic, partition],
    )) as Array<{ n: string; fp: string | null }>;
    return { next: BigInt(row.n), lastFingerprint: row.fp };
  },
  async save(manager: EntityManager, topic: string, partition: number, fence: StoredFence): Promise<void> {
    await manager.query(`UPDATE fences SET next = $3, fingerprint = $4 WHERE topic = $1 AND partition = $2`, [
      topic,
      partition,
      fence.next.toString(),
      fence.lastFingerprint,
    ]);
  },
};

describe('BatchConsumerRunner offset fence', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let ds: DataSource;
  const topic = Topics.AcquirerTransactions;
  const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'fence-test' });
  let namer: TopicNamer;
  let producer: EventProducer;

  const counted = async () => {
    const [row] = await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM counted`,
    );
    return { n: row.n as number, distinct: row.d as number };
  };
  const produce = (label: string, n: number) =>
    producer.send(
      Array.from({ length: n }, (_, i) => ({
        topic,
        key: 'k',
        value: JSON.stringify({ id: `${label}${i}`, merchantId: 'm', amount: 1 }),
      })),
    );
  /** Runs a runner with a fence and a NON-idempotent effect (one row per applied message). */
  const runner = (groupId: string) =>
    new BatchConsumerRunner<LedgerEvent>({
      kafka,
      dataSource: ds,
      producer,
      groupId,
      topics: [topic],
      topicNamer: namer,
      chunkSize: 5,
      fence: fenceStore,
      parse: (raw) => parseLedgerEvent(raw),
      handle: async ({ valid }, { manager }) => {
        if (valid.length === 0) return;
        await manager.query(`INSERT INTO counted (event_id) SELECT unnest($1::text[])`, [
          valid.map((v) => v.value.id),
        ]);
      },
    });
  const committed = async (groupId: string) => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({
        groupId: namer.physical(groupId),
        topics: [namer.physical(topic)],
      });
      return Number(entry.partitions[0].offset);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    schema = await createTestSchema('fence');
    topics = await createTestTopics('fence', 1);
    namer = new TopicNamer(topics.prefix);
    producer = new EventProducer(kafka, namer);
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await ds.query(`CREATE TABLE counted (event_id text NOT NULL)`);
    await ds.query(
      `CREATE TABLE fences (topic text, partition int, next bigint NOT NULL, fingerprint text, PRIMARY KEY (topic, partition))`,
    );
  });

  afterAll(async () => {
    await producer.disconnect();
    await ds.destroy();
    await schema.drop();
    await topics.drop();
  });

  it('should skip a replay of the same topic after proving the fence, and apply everything of a re-created topic', async () => {
    await produce('a', 30);
    let consumer = runner('first');
    await consumer.start();
    await expectEventually(async () => expect(await counted()).toEqual({ n: 30, distinct: 30 }));
    await consumer.stop();

    // Same topic, read again from the start (a new group): chunks of 5 lie below the fence's last
    // message, which is read and found to be the one applied — nothing is applied twice.
    consumer = runner('second');
    await consumer.start();
    await expectEventually(async () => expect(await committed('second')).toBe(30));
    await consumer.stop();
    expect(await counted()).toEqual({ n: 30, distinct: 30 });

    // The topic is deleted and re-created with more messages than before: offset 29 now holds
    // another message, so the fence is stale and every new message is applied.
    const admin = testKafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [namer.physical(topic)], timeout: 10_000 });
    await expectEventually(
      async () =>
        expect(
          await admin.createTopics({
            topics: [{ topic: namer.physical(topic), numPartitions: 1 }],
            waitForLeaders: true,
          }),
        ).toBe(true),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await admin.disconnect();
    await produce('b', 50);
    consumer = runner('first');
    await consumer.start();
    try {
      await expectEventually(async () => expect(await counted()).toEqual({ n: 80, distinct: 80 }), {
        timeoutMs: 40_000,
      });
      await expectEventually(async () => expect(await committed('first')).toBe(50));
      expect(await counted()).toEqual({ n: 80, distinct: 80 });
    } finally {
      await consumer.stop();
    }
    const [fence] = await ds.query(`SELECT next::int AS next FROM fences`);
    expect(fence.next).toBe(50);
  });
});
