import { kafkaCheck } from '@merchant-pulse/observability';
import request from 'supertest';
import { HttpPlatformModule } from './http-platform.module';
import { ADMIN_SECRET, Harness, READER_SECRET, bootApp, healthy } from './testing/test-app.fixture';

describe(HttpPlatformModule.name, () => {
  let harness: Harness;
  const http = () => request(harness.app.getHttpServer());

  afterEach(async () => {
    await harness?.app.close();
  });

  describe('operational endpoints', () => {
    beforeEach(async () => {
      harness = await bootApp([
        ...healthy,
        kafkaCheck({ describeCluster: () => new Promise(() => undefined) }),
      ]);
    });

    it('should answer liveness without an API key when the process serves', async () => {
      await http().get('/health/live').expect(200, { status: 'ok' });
    });

    it('should answer 503 naming the dependency when a check does not answer in time', async () => {
      const response = await http().get('/health/ready').expect(503);

      expect(response.body).toMatchObject({
        status: 'error',
        failed: ['kafka'],
        checks: {
          kafka: { status: 'down', error: 'timed out after 100 ms' },
          postgres: { status: 'up' },
          redis: { status: 'up' },
        },
      });
    });

    it('should expose Prometheus metrics labelled by route template when requests were served', async () => {
      await http().get('/v1/merchants/m-42').set('Authorization', `Bearer ${READER_SECRET}`).expect(200);
      await http().get('/v1/merchants/m-43').expect(401);

      const response = await http().get('/metrics').expect(200);

      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.text).toContain(
        'pulse_http_requests_total{method="GET",route="/v1/merchants/:id",status="200"} 1',
      );
      expect(response.text).toContain(
        'pulse_http_requests_total{method="GET",route="/v1/merchants/:id",status="401"} 1',
      );
      expect(response.text).not.toContain('m-42');
      expect(response.text).toContain('pulse_outbox_pending 0');
      expect(response.text).toContain('pulse_http_request_duration_seconds_bucket{le="0.001"');
    });

    it('should serve the OpenAPI document with the bearer scheme when /docs-json is requested', async () => {
      const response = await http().get('/docs-json').expect(200);

      expect(response.body.info).toEqual({
        title: 'test-service',
        description: '',
        version: '1.2.3',
        contact: {},
      });
      expect(response.body.components.securitySchemes['api-key']).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(Object.keys(response.body.paths)).toContain('/v1/merchants/{id}');
    });
  });

  describe('routing', () => {
    beforeEach(async () => {
      harness = await bootApp(healthy);
    });

    it('should answer 404 and count it under one bounded route label when no route matches', async () => {
      const response = await http().get('/no/such/path-123').expect(404);

      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const metrics = await harness.metrics.metrics();
      expect(metrics).toContain('pulse_http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(metrics).not.toContain('path-123');
    });

    it('should keep the raw request bytes when a JSON body is posted', async () => {
      const raw = '{"name":"Noodle Bar",  "contact":{"phone":"1"},"terminals":1}';

      const response = await http()
        .post('/v1/merchants/raw')
        .set('Authorization', `Bearer ${ADMIN_SECRET}`)
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(201);

      expect(response.body).toEqual({ rawBody: raw });
    });

    it('should accept a JSON body of a full 1,000-item batch and refuse one over the limit', async () => {
      const item = JSON.stringify({
        transactionId: 'x'.repeat(40),
        amountMinor: 12345,
        channel: 'qr_alipay',
      });
      const batch = `{"items":[${Array.from({ length: 3_000 }, () => item).join(',')}]}`;
      expect(batch.length).toBeGreaterThan(200_000);
      const response = await http()
        .post('/v1/merchants/raw')
        .set('Authorization', `Bearer ${ADMIN_SECRET}`)
        .set('Content-Type', 'application/json')
        .send(batch)
        .expect(201);
      expect(response.body.rawBody.length).toBe(batch.length);
      await http()
        .post('/v1/merchants/raw')
        .set('Authorization', `Bearer ${ADMIN_SECRET}`)
        .set('Content-Type', 'application/json')
        .send(`{"pad":"${'y'.repeat(5 * 1024 * 1024)}"}`)
        .expect(413);
    });

    it('should write Nest framework logs as pino JSON when the app starts', () => {
      expect(harness.logs).toContainEqual(
        expect.objectContaining({ service: 'test-service', context: 'RoutesResolver', level: 'info' }),
      );
    });
  });

  describe('readiness', () => {
    it('should answer 200 with every check up when all dependencies answer', async () => {
      harness = await bootApp(healthy);

      const response = await http().get('/health/ready').expect(200);

      expect(response.body).toEqual({
        status: 'ok',
        checks: {
          postgres: { status: 'up', latencyMs: expect.any(Number) },
          redis: { status: 'up', latencyMs: expect.any(Number) },
        },
      });
    });
  });

  describe('correlation and access log', () => {
    beforeEach(async () => {
      harness = await bootApp(healthy);
    });

    it('should echo the caller correlation id and log it when the request carries one', async () => {
      const response = await http().get('/health/ready').set('x-correlation-id', 'abc-123').expect(200);

      expect(response.headers['x-correlation-id']).toBe('abc-123');
      await new Promise((resolve) => setImmediate(resolve));
      expect(harness.logs).toContainEqual(
        expect.objectContaining({
          msg: 'http request',
          level: 'info',
          method: 'GET',
          route: '/health/ready',
          status: 200,
          correlationId: 'abc-123',
          duration_ms: expect.any(Number),
        }),
      );
    });

    it('should generate a UUIDv7 when the request carries no correlation id', async () => {
      const response = await http().get('/health/live').expect(200);

      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
      await new Promise((resolve) => setImmediate(resolve));
      const line = harness.logs.find(
        (entry) => entry.msg === 'http request' && entry.route === '/health/live',
      );
      expect(line).toMatchObject({ level: 'debug' });
    });
  });
});
