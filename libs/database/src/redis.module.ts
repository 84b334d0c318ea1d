import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/** The service's shared Redis connection (rate limits, BullMQ queues and workers open their own). */
export const REDIS = Symbol('merchant-pulse:redis');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Provides {@link REDIS}: an ioredis client that connects lazily and keeps retrying, so a Redis
 * outage degrades readiness (the probe times out) instead of crashing the process.
 */
@Global()
@Module({})
export class RedisModule {
  static forRoot(urlFactory: () => string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(urlFactory(), {
              lazyConnect: false,
              maxRetriesPerRequest: null,
              enableReadyCheck: true,
              retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
            }),
        },
        RedisCloser,
      ],
      exports: [REDIS],
    };
  }
}
