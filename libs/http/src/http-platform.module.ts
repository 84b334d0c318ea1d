import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { BaseServiceConfig } from '@merchant-pulse/config';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeyStore } from './api-keys/api-key.store';
import { resolveApiKeys } from './api-keys/api-keys.resolver';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { createValidationPipe } from './validation/validation.pipe';

/** The config keys {@link HttpPlatformModule} reads. */
export type HttpPlatformConfig = Pick<
  BaseServiceConfig,
  'NODE_ENV' | 'API_KEYS' | 'RATE_LIMIT_PER_MINUTE' | 'PUBLIC_DOCS'
>;

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
  static forRoot(options: { config: HttpPlatformConfig }): DynamicModule {
    const { config } = options;
    return {
      module: HttpPlatformModule,
      global: true,
      imports: [ThrottlerModule.forRoot(rateLimitOptions(config.RATE_LIMIT_PER_MINUTE))],
      providers: [
        { provide: HTTP_PLATFORM_CONFIG, useValue: config },
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
