import { HealthCheck, PublicHealthCheckError } from './health-check.interface';
import { HealthService } from './health.service';
import { kafkaCheck, postgresCheck, redisCheck } from './dependency.checks';

const never = () => new Promise<never>(() => undefined);

describe(HealthService.name, () => {
  it('should report ok with latencies when every check passes', async () => {
    const service = new HealthService(
      [postgresCheck({ query: async () => [] }), redisCheck({ ping: async () => 'PONG' })],
      100,
    );

    await expect(service.readiness()).resolves.toEqual({
      status: 'ok',
      checks: {
        postgres: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
      },
    });
  });

  it('should name a stopped broker as failed within the timeout when describeCluster never settles', async () => {
    const service = new HealthService(
      [kafkaCheck({ describeCluster: never }), postgresCheck({ query: async () => [] })],
      50,
    );
    const started = Date.now();

    const report = await service.readiness();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(report).toMatchObject({
      status: 'error',
      failed: ['kafka'],
      checks: { kafka: { status: 'down', error: 'timed out after 50 ms' }, postgres: { status: 'up' } },
    });
  });

  it('should run checks concurrently when several are slow', async () => {
    const slow = (name: string): HealthCheck => ({
      name,
      check: () => new Promise((resolve) => setTimeout(resolve, 60)),
    });
    const service = new HealthService([slow('a'), slow('b'), slow('c')], 1000);
    const started = Date.now();

    await expect(service.readiness()).resolves.toMatchObject({ status: 'ok' });
    expect(Date.now() - started).toBeLessThan(170);
  });

  it('should report unavailable without the driver message, and log it, when a check rejects or throws synchronously', async () => {
    const logged: Array<{ check: string }> = [];
    const service = new HealthService(
      [
        postgresCheck({ query: async () => Promise.reject(new Error('connect ECONNREFUSED 10.0.3.7:5432')) }),
        redisCheck({ ping: async () => 'LOADING' }),
        {
          name: 'sync',
          check: () => {
            throw new Error('not connected');
          },
        },
      ],
      100,
      { warn: (fields: object) => logged.push(fields as { check: string }) } as never,
    );

    const report = await service.readiness();

    expect(report).toMatchObject({
      status: 'error',
      failed: ['postgres', 'redis', 'sync'],
      checks: {
        postgres: { status: 'down', error: 'unavailable' },
        redis: { status: 'down', error: 'unexpected PING reply "LOADING"' },
        sync: { status: 'down', error: 'unavailable' },
      },
    });
    expect(logged.map((fields) => fields.check).sort()).toEqual(['postgres', 'sync']);
  });

  it('should refuse a second check when its name is taken', () => {
    const service = new HealthService([redisCheck({ ping: async () => 'PONG' })], 100);

    expect(() => service.register(redisCheck({ ping: async () => 'PONG' }))).toThrow('registered twice');
  });

  it('should report ok with no checks when none are registered', async () => {
    await expect(new HealthService([], 100).readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });
});

describe('HealthService liveness', () => {
  it('should fail liveness naming the check when an in-process liveness check fails, and leave readiness alone', async () => {
    const service = new HealthService([postgresCheck({ query: async () => [] })], 100, undefined, [
      {
        name: 'consumers',
        check: async () => Promise.reject(new PublicHealthCheckError('consumers crashed: g crashed')),
      },
    ]);
    await expect(service.liveness()).resolves.toMatchObject({
      status: 'error',
      failed: ['consumers'],
      checks: { consumers: { status: 'down', error: 'consumers crashed: g crashed' } },
    });
    await expect(service.readiness()).resolves.toMatchObject({ status: 'ok' });
  });
});
