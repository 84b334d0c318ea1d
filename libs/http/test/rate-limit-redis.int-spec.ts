import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { RedisRateLimitStorage } from '../src/rate-limit/redis-rate-limit.storage';
import { bootApp, healthy, READER_SECRET } from '../src/testing/test-app.fixture';

// Not @merchant-pulse/testing (which depends on this lib): the same REDIS_URL default and a per-run name.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let serial = 0;
const uniqueName = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++serial}`;

/** Status codes of `count` GETs with the reader key, alternating between the given apps. */
async function hit(apps: INestApplication[], count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const app = apps[i % apps.length];
    const response = await request(app.getHttpServer())
      .get('/v1/merchants/m-1')
      .set('Authorization', `Bearer ${READER_SECRET}`);
    statuses.push(response.status);
  }
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('rate limit shared through Redis (RATE_LIMIT_STORE=redis)', () => {
  const apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('should spend ONE budget across two replicas of a service', async () => {
    // A per-run service name isolates this run's keys in the shared Redis.
    const service = uniqueName('ratelimit');
    const platform = { RATE_LIMIT_STORE: 'redis' as const, REDIS_URL: redisUrl, service };
    apps.push((await bootApp(healthy, 10, platform)).app, (await bootApp(healthy, 10, platform)).app);

    const statuses = await hit(apps, 16);

    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(6);
    // Both replicas refuse once the shared budget is spent.
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const redis = new Redis(redisUrl);
    try {
      const keys = await redis.keys(`pulse:rate-limit:${service}:*`);
      expect(keys).toEqual([`pulse:rate-limit:${service}:default:api-key:ops-dashboard`]);
      expect(await redis.pttl(keys[0])).toBeGreaterThan(55_000);
    } finally {
      await redis.quit();
    }
  });

  it('should answer 429 with Retry-After from the shared window', async () => {
    const platform = {
      RATE_LIMIT_STORE: 'redis' as const,
      REDIS_URL: redisUrl,
      service: uniqueName('ratelimit'),
    };
    apps.push((await bootApp(healthy, 2, platform)).app);
    await hit(apps, 2);
    const refused = await request(apps[0].getHttpServer())
      .get('/v1/merchants/m-1')
      .set('Authorization', `Bearer ${READER_SECRET}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('should let each replica count alone with the in-memory store (what Redis fixes)', async () => {
    const platform = { RATE_LIMIT_STORE: 'memory' as const, service: uniqueName('ratelimit') };
    apps.push((await bootApp(healthy, 10, platform)).app, (await bootApp(healthy, 10, platform)).app);
    expect(count(await hit(apps, 16), 200)).toBe(16);
  });

  it('should allow requests (fail open) when Redis does not answer', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const storage = new RedisRateLimitStorage(dead, 'pulse:rate-limit:dead:');
    const errors: unknown[] = [];
    storage.onError = (error) => errors.push(error);
    const record = await storage.increment('default:api-key:x', 60_000, 1);
    expect(record.isBlocked).toBe(false);
    expect(errors).toHaveLength(1);
    dead.disconnect();
  });
});
