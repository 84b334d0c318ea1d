import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import {
  createTestSchema,
  createTestTopics,
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

jest.setTimeout(60_000);

const METRICS_TOKEN = 'scrape-token-0123456789abcdef-0123';
const DOCS_SECRET = 'docs-reader-secret';
const READER_SECRET = 'tx-reader-secret';

describe('transaction-ingestion exposure (real Postgres, Kafka, Redis)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  const apps: INestApplication[] = [];

  const boot = async (env: Record<string, string>): Promise<INestApplication> => {
    const config = loadConfig(
      TransactionIngestionConfig,
      testServiceEnv({
        schema: schema.schema,
        topicPrefix: topics.prefix,
        extraKeys: [
          { id: 'docs-reader', secret: DOCS_SECRET, scopes: ['docs:read'] },
          { id: 'tx-reader', secret: READER_SECRET, scopes: ['transactions:read'] },
        ],
        env: { MAINTENANCE_INTERVAL_MS: '3600000', ...env },
      }),
    );
    const app = await startTestApp(AppModule.forRoot(config), 'transaction-ingestion');
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    schema = await createTestSchema('ingestion_exposure');
    topics = await createTestTopics('ingestion_exposure', 1);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await topics?.drop();
    await schema?.drop();
  });

  it('should answer 400 naming the cursor when a transactions cursor is tampered with', async () => {
    const app = await boot({});

    const misses = await tamperedCursorMisses((cursor) =>
      request(app.getHttpServer())
        .get('/v1/merchants/m-1/transactions')
        .query({ cursor })
        .set('Authorization', `Bearer ${READER_SECRET}`),
    );

    expect(misses).toEqual([]);
  });

  it('should hide docs behind the docs:read scope and metrics behind the token when PUBLIC_DOCS=false and METRICS_TOKEN are set', async () => {
    const app = await boot({ PUBLIC_DOCS: 'false', METRICS_TOKEN, RUN_CONSUMERS: 'false' });
    const http = () => request(app.getHttpServer());

    for (const path of ['/docs', '/docs-json', '/docs-yaml', '/docs/swagger-ui-init.js']) {
      await http().get(path).expect(401);
      await http().get(path).set('Authorization', `Bearer ${READER_SECRET}`).expect(403);
    }
    const docs = await http().get('/docs-json').set('Authorization', `Bearer ${DOCS_SECRET}`).expect(200);
    expect(docs.body.info.title).toBe('transaction-ingestion');
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', `Bearer ${TEST_ADMIN_SECRET}`).expect(401);
    await http()
      .get('/metrics')
      .set('Authorization', 'Bearer scrape-token-0123456789abcdef-012X')
      .expect(401);
    const metrics = await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(metrics.text).toContain('pulse_http_requests_total');
    await http().get('/health/live').expect(200);
  });

  it('should keep docs and metrics public when the variables are left at their development defaults', async () => {
    const app = await boot({ RUN_CONSUMERS: 'false' });

    await request(app.getHttpServer()).get('/docs-json').expect(200);
    await request(app.getHttpServer()).get('/metrics').expect(200);
  });

  it('should name a failed dependency on /health/ready without its address', async () => {
    // Nothing listens on port 1: the Kafka check fails with the broker's address in its error.
    const app = await boot({ KAFKA_BROKERS: '127.0.0.1:1', RUN_CONSUMERS: 'false' });

    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);

    expect(ready.body.failed).toContain('kafka');
    expect(ready.body.checks.kafka.status).toBe('down');
    expect(ready.body.checks.postgres.status).toBe('up');
    expect(ready.body.checks.kafka.error).toBe('unavailable');
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|:\/\//);
  });
});
