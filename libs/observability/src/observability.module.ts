import {
  DynamicModule,
  Global,
  MiddlewareConsumer,
  Module,
  ModuleMetadata,
  NestModule,
  Provider,
} from '@nestjs/common';
import type { LevelWithSilentOrString, Logger } from 'pino';
import { AccessLogMiddleware } from './http/access-log.middleware';
import { CorrelationMiddleware } from './http/correlation.middleware';
import type { HealthCheck, HealthCheckFactory } from './health/health-check.interface';
import { HealthController } from './health/health.controller';
import {
  DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
  HEALTH_CHECKS,
  HEALTH_CHECK_TIMEOUT_MS,
  HealthService,
  LIVENESS_CHECKS,
} from './health/health.service';
import { createLogger } from './logging/logger.factory';
import { LOGGER } from './logging/logger.token';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { METRICS_TOKEN, MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/** Options of {@link ObservabilityModule.forRoot}. */
export interface ObservabilityModuleOptions {
  /** Service name written on every log line, e.g. `merchant-registry`. */
  service: string;
  /** pino level, usually `config.LOG_LEVEL` (default `info`). */
  level?: LevelWithSilentOrString;
  /** A ready-made logger instead of one created from `service` and `level` (tests). */
  logger?: Logger;
  /** Metrics to expose; {@link MetricsService.forProcess} by default. */
  metrics?: MetricsService;
  /** Readiness checks: ready-made ones or factories with injected dependencies. */
  healthChecks?: Array<HealthCheck | HealthCheckFactory>;
  /** Liveness checks: in-process state only (a crashed consumer), never a dependency. */
  livenessChecks?: Array<HealthCheck | HealthCheckFactory>;
  /** Per-check readiness timeout in milliseconds (default 2000). */
  healthCheckTimeoutMs?: number;
  /** Bearer token `GET /metrics` requires (`METRICS_TOKEN`); unset: the endpoint is public. */
  metricsToken?: string;
  /** Modules whose exports the check factories inject (not needed for global modules). */
  imports?: ModuleMetadata['imports'];
}

/**
 * Everything a service needs to be observable, global so every module can inject it:
 * the pino logger ({@link LOGGER}, {@link PinoNestLogger}), {@link MetricsService}, {@link HealthService},
 * `GET /health/live`, `GET /health/ready`, `GET /metrics`, and middleware that gives every request a
 * correlation id, an access log line and HTTP metrics.
 *
 * ```ts
 * ObservabilityModule.forRoot({
 *   service: 'merchant-registry',
 *   level: config.LOG_LEVEL,
 *   healthChecks: [{ inject: [DataSource], useFactory: (ds: DataSource) => postgresCheck(ds) }],
 * })
 * ```
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    const logger = options.logger ?? createLogger({ service: options.service, level: options.level });
    const checkProviders = (options.healthChecks ?? []).map((c, i) => checkProvider(c, `ready:${i}`));
    const livenessProviders = (options.livenessChecks ?? []).map((c, i) => checkProvider(c, `live:${i}`));
    const providers: Provider[] = [
      { provide: LOGGER, useValue: logger },
      { provide: PinoNestLogger, useValue: new PinoNestLogger(logger) },
      { provide: MetricsService, useValue: options.metrics ?? MetricsService.forProcess() },
      ...checkProviders,
      {
        provide: HEALTH_CHECKS,
        inject: checkProviders.map((provider) => provider.provide),
        useFactory: (...checks: HealthCheck[]) => checks,
      },
      ...livenessProviders,
      {
        provide: LIVENESS_CHECKS,
        inject: livenessProviders.map((provider) => provider.provide),
        useFactory: (...checks: HealthCheck[]) => checks,
      },
      {
        provide: HEALTH_CHECK_TIMEOUT_MS,
        useValue: options.healthCheckTimeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
      },
      { provide: METRICS_TOKEN, useValue: options.metricsToken },
      HealthService,
    ];
    return {
      module: ObservabilityModule,
      imports: options.imports ?? [],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [LOGGER, PinoNestLogger, MetricsService, HealthService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Correlation first: the access log and everything downstream read the id it assigns.
    consumer.apply(CorrelationMiddleware, AccessLogMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }
}

function checkProvider(
  check: HealthCheck | HealthCheckFactory,
  index: string,
): { provide: symbol; inject: HealthCheckFactory['inject']; useFactory: HealthCheckFactory['useFactory'] } {
  const provide = Symbol(`merchant-pulse:health-check:${index}`);
  if ('useFactory' in check) return { provide, inject: check.inject ?? [], useFactory: check.useFactory };
  return { provide, inject: [], useFactory: () => check };
}
