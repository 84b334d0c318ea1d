import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { partitionsOf, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  testKafka,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(180_000);

/**
 * The offset fence outlives the topic it describes: after the topic is deleted and re-created (or
 * `infra:down --purge`), the new messages sit at offsets the fence already passed. They must be
 * applied — the fence notices it is stale — never skipped as "already applied".
 */
describe('transaction-ingestion after the raw topic is re-created (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let env: Record<string, string>;
  let app: INestApplication | undefined;
  const date = '2025-10-01';
  const rawTopic = () => topics.prefix + Topics.AcquirerTransactions;

  const start = async () => {
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    return app.get(EventProducer);
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const accepted = async () => {
    const [row] = await adminQuery<{ n: string | null }>(
      `SELECT sum(count) AS n FROM "${schema.schema}".ingest_ledger WHERE business_date = $1 AND outcome = 'accepted'`,
      [date],
    );
    return Number(row.n ?? 0);
  };
  const produce = async (producer: EventProducer, n: number) => {
    await producer.send(
      Array.from({ length: n }, () => rawTx({ occurredAt: `${date}T03:00:00.000Z` })).map((t) => ({
        topic: Topics.AcquirerTransactions,
        key: 'm-1',
        value: JSON.stringify(t),
      })),
    );
  };
  /** Deletes the raw topic and creates it again (deletion completes asynchronously on the broker). */
  const recreateRawTopic = async () => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [rawTopic()], timeout: 10_000 });
      await expectEventually(
        async () => {
          const created = await admin.createTopics({
            topics: [{ topic: rawTopic(), numPartitions: partitionsOf(Topics.AcquirerTransactions) }],
            waitForLeaders: true,
          });
          expect(created).toBe(true);
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    schema = await createTestSchema('ingestion_recreate');
    topics = await createTestTopics('ingestion_recreate');
    env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: { MAINTENANCE_INTERVAL_MS: '3600000' },
    });
  });

  afterAll(async () => {
    await stop();
    await topics?.drop();
    await schema?.drop();
  });

  it('should account every message exactly when the topic is re-created with fewer, then more, messages than before', async () => {
    let producer = await start();
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
    await produce(producer, 30);
    await expectEventually(async () => expect(await accepted()).toBe(30), { timeoutMs: 60_000 });
    await stop();

    // Fewer messages than the fence: the fence stands above the new partition's end.
    await recreateRawTopic();
    producer = await start();
    await produce(producer, 10);
    await expectEventually(async () => expect(await accepted()).toBe(40), { timeoutMs: 60_000 });
    await stop();

    // More messages than the fence: the message at the fence's last offset is not the one applied.
    await recreateRawTopic();
    producer = await start();
    await produce(producer, 25);
    await expectEventually(async () => expect(await accepted()).toBe(65), { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await accepted()).toBe(65);
    const [duplicates] = await adminQuery<{ n: string | null }>(
      `SELECT sum(count) AS n FROM "${schema.schema}".ingest_ledger WHERE outcome = 'duplicate'`,
    );
    expect(Number(duplicates.n ?? 0)).toBe(0);
  });
});
