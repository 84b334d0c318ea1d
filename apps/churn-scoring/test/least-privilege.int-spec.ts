import { INestApplication } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  createTestSchema,
  expectEventually,
  createTestTopics,
  tamperedCursorMisses,
  TestSchema,
  TestTopics,
  testKafka,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { activityEvent, bootApp, SECRET } from './churn-scoring.fixtures';

jest.setTimeout(120_000);

const READER = 'churn-reader-secret';
const WRITER = 'churn-writer-secret';
const CLOCK = '2026-03-01T00:00:00.000Z';

describe('churn-scoring scopes, cursors and rescoring across replicas (real Postgres, Kafka, Redis)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  // Two replicas of the service on one schema, topic prefix and queue: the API replica runs no
  // BullMQ worker, so every job it enqueues is picked by the worker replica.
  let api: INestApplication;
  let worker: INestApplication;
  const keys = [
    { id: 'reader', secret: READER, scopes: ['risk:read'] },
    { id: 'writer', secret: WRITER, scopes: ['risk:read', 'risk:write'] },
  ];
  const auth = (secret: string) => ({ Authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    schema = await createTestSchema('churn_privilege');
    topics = await createTestTopics('churn_privilege', 1);
    ({ app: worker } = await bootApp(schema.schema, topics.prefix, CLOCK, { keys }));
    ({ app: api } = await bootApp(schema.schema, topics.prefix, CLOCK, {
      keys,
      env: { RUN_JOBS: 'false', DB_MIGRATE_ON_BOOT: 'false' },
    }));
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await schema?.drop();
    await topics?.drop();
  });

  it('should answer 400 naming the cursor when a risk list cursor is tampered with', async () => {
    const misses = await tamperedCursorMisses((cursor) =>
      request(api.getHttpServer()).get('/v1/risks').query({ cursor }).set(auth(READER)),
    );

    expect(misses).toEqual([]);
  });

  it('should refuse a backtest with 403 when the key can only read risk', async () => {
    const body = { asOfDate: '2026-02-01', horizonDays: 30 };

    const denied = await request(api.getHttpServer()).post('/v1/backtests').set(auth(READER)).send(body);
    const allowed = await request(api.getHttpServer()).post('/v1/backtests').set(auth(WRITER)).send(body);

    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('risk:write');
    // Past the scope check: the horizon has not elapsed on this clock (422), never 403.
    expect(allowed.status).toBe(422);
  });

  it('should complete a rescoring run on the replica that asked when another replica runs the job', async () => {
    const producer = new EventProducer(testKafka(), new TopicNamer(topics.prefix));
    try {
      const event = activityEvent('M-remote', '2026-02-28', 12, CLOCK);
      await producer.send([
        { topic: Topics.MerchantActivity, key: event.merchantId, value: Buffer.from(JSON.stringify(event)) },
      ]);
    } finally {
      await producer.disconnect();
    }
    await expectEventually(() =>
      request(api.getHttpServer()).get('/v1/merchants/M-remote/risk').set(auth(READER)).expect(200),
    );
    const started = Date.now();

    const runs = await Promise.all([
      request(api.getHttpServer()).post('/v1/rescoring-runs').set(auth(SECRET)),
      request(api.getHttpServer()).post('/v1/rescoring-runs').set(auth(WRITER)),
    ]);

    for (const run of runs) {
      expect(run.status).toBe(200);
      expect(run.body.jobId).toMatch(/^rescore-all-2026-02-28/);
      expect(run.body.result).toMatchObject({ scored: 1 });
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
