import request from 'supertest';
import { HttpPlatformModule } from './http-platform.module';
import { ADMIN_SECRET, Harness, READER_SECRET, bootApp, healthy } from './testing/test-app.fixture';

describe(HttpPlatformModule.name, () => {
  let harness: Harness;
  const http = () => request(harness.app.getHttpServer());

  afterEach(async () => {
    await harness?.app.close();
  });

  describe('API keys', () => {
    beforeEach(async () => {
      harness = await bootApp(healthy);
    });

    it('should answer 401 with a Bearer challenge when the Authorization header is missing', async () => {
      const response = await http().get('/v1/merchants/m-1').expect(401);

      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Missing or malformed Authorization header: expected "Bearer <api key>"',
      });
    });

    it('should answer 401 when the secret is unknown', async () => {
      const response = await http().get('/v1/merchants/m-1').set('Authorization', 'Bearer nope').expect(401);

      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body.message).toBe('Unknown API key');
    });

    it('should answer 403 naming the key and scope when the key lacks a scope', async () => {
      const response = await http()
        .post('/v1/merchants')
        .set('Authorization', `Bearer ${READER_SECRET}`)
        .send({ name: 'Noodle Bar', contact: { phone: '13800000000' }, terminals: 1 })
        .expect(403);

      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'API key "ops-dashboard" lacks scope merchants:write',
      });
    });

    it('should serve the route and expose the caller when the key holds the scope', async () => {
      const response = await http()
        .get('/v1/merchants/m-1')
        .set('Authorization', `Bearer ${READER_SECRET}`)
        .expect(200);

      expect(response.body).toEqual({ id: 'm-1', caller: 'ops-dashboard' });
    });

    it('should transform a valid body into its DTO when the key holds "*"', async () => {
      const response = await http()
        .post('/v1/merchants')
        .set('Authorization', `Bearer ${ADMIN_SECRET}`)
        .send({ name: 'Noodle Bar', contact: { phone: '13800000000' }, terminals: 2 })
        .expect(201);

      expect(response.body).toEqual({ name: 'Noodle Bar', isDto: true });
    });
  });

  describe('validation and errors', () => {
    beforeEach(async () => {
      harness = await bootApp(healthy);
    });

    it('should answer 400 with dotted field messages when the body is invalid', async () => {
      const response = await http()
        .post('/v1/merchants')
        .set('Authorization', `Bearer ${ADMIN_SECRET}`)
        .send({ name: 'Noodle Bar', contact: { phone: 42 }, terminals: 0, extra: true })
        .expect(400);

      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
      });
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'contact.phone', messages: ['phone must be a string'] },
          { field: 'terminals', messages: ['terminals must not be less than 1'] },
          { field: 'extra', messages: ['property extra should not exist'] },
        ]),
      );
    });

    it('should answer 500 with the correlation id and log the stack when a handler throws', async () => {
      const response = await http()
        .get('/v1/merchants/m-1/explode')
        .set('Authorization', `Bearer ${READER_SECRET}`)
        .set('x-correlation-id', 'corr-500')
        .expect(500);

      expect(response.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        correlationId: 'corr-500',
      });
      const logged = harness.logs.find((line) => line.msg === 'unhandled exception while serving request');
      expect(logged).toMatchObject({ level: 'error', correlationId: 'corr-500', service: 'test-service' });
      expect((logged!.err as { stack: string }).stack).toContain('database password is hunter2');
    });
  });

  describe('rate limiting', () => {
    beforeEach(async () => {
      harness = await bootApp(healthy, 2);
    });

    it('should answer 429 with Retry-After when a key exceeds its limit', async () => {
      const get = () => http().get('/v1/merchants/m-1').set('Authorization', `Bearer ${READER_SECRET}`);
      await get().expect(200);
      await get().expect(200);

      const response = await get().expect(429);

      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Rate limit of 2 requests per minute exceeded',
      });
      await http().get('/v1/merchants/m-1').set('Authorization', `Bearer ${ADMIN_SECRET}`).expect(200);
    });

    it('should never limit probes and scrapes when they exceed the limit', async () => {
      for (let i = 0; i < 4; i += 1) await http().get('/health/live').expect(200);
      await http().get('/metrics').expect(200);
    });
  });
});
