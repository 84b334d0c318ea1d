import { loadConfig } from '@merchant-pulse/config';
import { ServiceConfig } from '@merchant-pulse/platform';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  TEST_ADMIN_SECRET,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import { metricOwners, metricsUsedByDashboardsAndAlerts } from '../k8s/metric-usage';
import { AppModule as AfterSalesTickets } from '../../apps/after-sales-tickets/src/app.module';
import { AfterSalesTicketsConfig } from '../../apps/after-sales-tickets/src/config/after-sales-tickets.config';
import { AppModule as ChurnScoring } from '../../apps/churn-scoring/src/app.module';
import { ChurnScoringConfig } from '../../apps/churn-scoring/src/config/churn-scoring.config';
import { AppModule as MerchantRegistry } from '../../apps/merchant-registry/src/app.module';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import { AppModule as ReactivationCampaigns } from '../../apps/reactivation-campaigns/src/app.module';
import { ReactivationCampaignsConfig } from '../../apps/reactivation-campaigns/src/config/reactivation-campaigns.config';
import { AppModule as TransactionIngestion } from '../../apps/transaction-ingestion/src/app.module';
import { TransactionIngestionConfig } from '../../apps/transaction-ingestion/src/config/transaction-ingestion.config';

jest.setTimeout(120_000);

interface ServiceUnderTest {
  service: string;
  configClass: Type<ServiceConfig>;
  module: { forRoot(config: never): DynamicModule };
}

const services: ServiceUnderTest[] = [
  { service: 'merchant-registry', configClass: MerchantRegistryConfig, module: MerchantRegistry },
  { service: 'transaction-ingestion', configClass: TransactionIngestionConfig, module: TransactionIngestion },
  { service: 'churn-scoring', configClass: ChurnScoringConfig, module: ChurnScoring },
  {
    service: 'reactivation-campaigns',
    configClass: ReactivationCampaignsConfig,
    module: ReactivationCampaigns,
  },
  { service: 'after-sales-tickets', configClass: AfterSalesTicketsConfig, module: AfterSalesTickets },
];

describe('every service boots on the platform', () => {
  let topics: TestTopics;

  beforeAll(async () => {
    topics = await createTestTopics('services');
  });

  afterAll(async () => {
    await topics.drop();
  });

  describe.each(services)('$service', ({ service, configClass, module }) => {
    let schema: TestSchema;
    let app: INestApplication;

    const boot = async (env: Record<string, string> = {}): Promise<INestApplication> => {
      const config = loadConfig(
        configClass,
        testServiceEnv({ schema: schema.schema, topicPrefix: topics.prefix, env }),
      );
      return startTestApp(module.forRoot(config as never), service);
    };

    beforeAll(async () => {
      schema = await createTestSchema(service);
      app = await boot();
    });

    afterAll(async () => {
      await app?.close();
      await schema.drop();
    });

    it('should report ready with Postgres, Kafka and Redis up when all three answer', async () => {
      const res = await expectEventually(() => request(app.getHttpServer()).get('/health/ready').expect(200));
      expect(res.body.status).toBe('ok');
      expect(Object.keys(res.body.checks).sort()).toEqual(['consumers', 'kafka', 'postgres', 'redis']);
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });

    it('should answer 401 without a key, 401 with a wrong key and 200 with a valid one when a route is guarded', async () => {
      const res = await request(app.getHttpServer()).get('/v1/service').expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      await request(app.getHttpServer()).get('/v1/service').set('Authorization', 'Bearer nope').expect(401);
      const ok = await request(app.getHttpServer())
        .get('/v1/service')
        .set('Authorization', `Bearer ${TEST_ADMIN_SECRET}`)
        .expect(200);
      expect(ok.body.service).toBe(service);
    });

    it('should export the platform metrics and OpenAPI when scraped', async () => {
      const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(metrics.text).toContain('pulse_http_requests_total');
      expect(metrics.text).toContain('pulse_outbox_pending');
      const docs = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(docs.body.info.title).toBe(service);
    });

    it('should export every metric the dashboards and alert rules query for it when scraped', async () => {
      const root = `${__dirname}/../..`;
      const owners = metricOwners(root);
      // Metrics still pending elsewhere (PENDING_METRICS) have no owner in this code yet, so they drop
      // out here; once their service registers them they are checked like the rest.
      const expected = [...metricsUsedByDashboardsAndAlerts(root).keys()]
        .filter((name) => owners.get(name) === 'libs' || owners.get(name) === service)
        .sort();
      expect(expected.length).toBeGreaterThan(5);
      const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
      const exported = new Set([...metrics.text.matchAll(/^# TYPE (\S+) /gm)].map(([, name]) => name));
      expect(expected.filter((name) => !exported.has(name))).toEqual([]);
    });

    it('should create its outbox, inbox and migrations table in its own schema when it boots', async () => {
      const tables = await adminQuery<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
        [schema.schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['outbox', 'inbox', 'typeorm_migrations']),
      );
    });

    it('should refuse to move the system clock and move a CLOCK_START clock when asked with clock:write', async () => {
      const auth = `Bearer ${TEST_ADMIN_SECRET}`;
      const body = { now: '2026-10-01T00:00:00.000Z' };
      await request(app.getHttpServer()).put('/v1/clock').set('Authorization', auth).send(body).expect(409);
      const simulated = await boot({ CLOCK_START: '2026-09-01T00:00:00Z', RUN_CONSUMERS: 'false' });
      try {
        const before = await request(simulated.getHttpServer())
          .get('/v1/clock')
          .set('Authorization', auth)
          .expect(200);
        expect(before.body.now.startsWith('2026-09-01')).toBe(true);
        const moved = await request(simulated.getHttpServer())
          .put('/v1/clock')
          .set('Authorization', auth)
          .send(body);
        expect(moved.status).toBe(200);
        expect(moved.body.now.startsWith('2026-10-01T00:00')).toBe(true);
        await request(simulated.getHttpServer())
          .put('/v1/clock')
          .set('Authorization', auth)
          .send({ now: 'tomorrow' })
          .expect(400);
      } finally {
        await simulated.close();
      }
    });

    it('should stay unready until the migrate Job has run when it does not migrate at boot', async () => {
      const fresh = await createTestSchema(`${service}-unmigrated`);
      const bootOn = (schemaName: string, env: Record<string, string>) =>
        startTestApp(
          module.forRoot(
            loadConfig(
              configClass,
              testServiceEnv({ schema: schemaName, topicPrefix: topics.prefix, env }),
            ) as never,
          ),
          service,
        );
      const unmigrated = await bootOn(fresh.schema, { RUN_CONSUMERS: 'false', DB_MIGRATE_ON_BOOT: 'false' });
      try {
        const res = await request(unmigrated.getHttpServer()).get('/health/ready').expect(503);
        expect(res.body.failed).toEqual(['migrations']);
        expect(res.body.checks.migrations.error).toMatch(/not applied yet/);
        // The Job's part: migrate (here by a boot that migrates), then the same kind of process is ready.
        await (await bootOn(fresh.schema, { RUN_CONSUMERS: 'false' })).close();
        const migrated = await bootOn(fresh.schema, { RUN_CONSUMERS: 'false', DB_MIGRATE_ON_BOOT: 'false' });
        try {
          const ok = await expectEventually(() =>
            request(migrated.getHttpServer()).get('/health/ready').expect(200),
          );
          expect(ok.body.checks.migrations.status).toBe('up');
        } finally {
          await migrated.close();
        }
      } finally {
        await unmigrated.close();
        await fresh.drop();
      }
    });

    it('should answer 503 naming kafka when the broker cannot be reached', async () => {
      const isolated = await boot({
        KAFKA_BROKERS: '127.0.0.1:1',
        RUN_CONSUMERS: 'false',
        DB_MIGRATE_ON_BOOT: 'false',
      });
      try {
        const res = await request(isolated.getHttpServer()).get('/health/ready').expect(503);
        expect(res.body.failed).toEqual(['kafka']);
        expect(res.body.checks.postgres.status).toBe('up');
      } finally {
        await isolated.close();
      }
    });
  });
});
