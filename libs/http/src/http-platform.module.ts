import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { BaseServiceConfig } from '@merchant-pulse/config';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeyStore } from './api-keys/api-key.store';
import { resolveApiKeys } from './api-keys/api-keys.resolver';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { SlidingWindowRateLimitStorage } from './rate-limit/rate-limit.storage';
import { RedisRateLimitStorage } from './rate-limit/redis-rate-limit.storage';
import { createValidationPipe } from './validation/validation.pipe';

/** The config keys {@link HttpPlatformModule} reads. */
export type HttpPlatformConfig = Pick<
  BaseServiceConfig,
  'NODE_ENV' | 'API_KEYS' | 'RATE_LIMIT_PER_MINUTE' | 'PUBLIC_DOCS'
> &
  Partial<Pick<BaseServiceConfig, 'RATE_LIMIT_STORE' | 'REDIS_URL'>>;

/** `RATE_LIMIT_STORE`, defaulted: `redis` in production, `memory` otherwise. */
export function rateLimitStoreOf(config: HttpPlatformConfig): 'redis' | 'memory' {
  return config.RATE_LIMIT_STORE ?? (config.NODE_ENV === 'production' ? 'redis' : 'memory');
}

const RATE_LIMIT_STORAGE = Symbol('merchant-pulse:rate-limit-storage');

/** Logs the Redis limiter's failures (throttled to one line a minute) and closes its client on shutdown. */
@Injectable()
class RateLimitRedisLifecycle implements OnApplicationShutdown {
  private lastLoggedAt = 0;

  constructor(
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    if (storage instanceof RedisRateLimitStorage)
      storage.onError = (error) => {
        if (Date.now() - this.lastLoggedAt < 60_000) return;
        this.lastLoggedAt = Date.now();
        this.logger?.warn(
          { err: error },
          'rate limit store (Redis) unavailable: requests are allowed unlimited',
        );
      };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.storage instanceof RedisRateLimitStorage) await this.storage.close();
  }
}

/** Injection token of the {@link HttpPlatformConfig} (read by `setupHttpApp` for the docs policy). */
export const HTTP_PLATFORM_CONFIG = Symbol('merchant-pulse:http-platform-config');

/**
 * The HTTP policies every service shares, applied globally once imported (needs
 * `ObservabilityModule.forRoot` for the logger):
 * API keys ({@link ApiKeyGuard}), then the per-client rate limit ({@link RateLimitGuard}), the
 * validation pipe ({@link createValidationPipe}) and the exception filter ({@link HttpExceptionFilter}).
 *
 * ```ts
 * imports: [ObservabilityModule.forRoot({ service, level: config.LOG_LEVEL }), HttpPlatformModule.forRoot({ config })]
 * ```
 */
@Module({})
export class HttpPlatformModule {
  /**
   * `service` names the rate-limit keys in Redis (`pulse:rate-limit:<service>:…`), so services
   * sharing one Redis keep separate budgets.
   */
  static forRoot(options: { config: HttpPlatformConfig; service?: string }): DynamicModule {
    const { config } = options;
    // lazyConnect: nothing connects until the first request is counted (OpenAPI generation and
    // module tests create the module without ever using it).
    const storage: ThrottlerStorage =
      rateLimitStoreOf(config) === 'redis'
        ? new RedisRateLimitStorage(
            new Redis(config.REDIS_URL ?? 'redis://127.0.0.1:6379', {
              lazyConnect: true,
              maxRetriesPerRequest: 1,
              enableOfflineQueue: true,
            }),
            `pulse:rate-limit:${options.service ?? 'service'}:`,
          )
        : new SlidingWindowRateLimitStorage();
    return {
      module: HttpPlatformModule,
      global: true,
      imports: [ThrottlerModule.forRoot(rateLimitOptions(config.RATE_LIMIT_PER_MINUTE, storage))],
      providers: [
        { provide: HTTP_PLATFORM_CONFIG, useValue: config },
        { provide: RATE_LIMIT_STORAGE, useValue: storage },
        RateLimitRedisLifecycle,
        {
          provide: ApiKeyStore,
          inject: [LOGGER],
          useFactory: (logger: Logger) => new ApiKeyStore(resolveApiKeys(config, logger)),
        },
        // Order matters: the rate limit keys on the API key the first guard attached.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [ApiKeyStore, HTTP_PLATFORM_CONFIG],
    };
  }
}
