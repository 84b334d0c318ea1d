import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpPlatformModule } from '@merchant-pulse/http';
import { ObservabilityModule, redisCheck } from '@merchant-pulse/observability';
import { AccountRepository } from './accounts/account.repository';
import { AuditController } from './audit/audit.controller';
import { SignInAuditRepository } from './audit/sign-in-audit.repository';
import { SignInMetrics } from './audit/sign-in.metrics';
import { OpsConsoleConfig } from './config/ops-console.config';
import { ConsoleConfigController } from './proxy/console-config.controller';
import { ProxyController } from './proxy/proxy.controller';
import { serviceChecks } from './proxy/service-health.checks';
import { ServiceProxy } from './proxy/service-proxy';
import { ConsoleRedis } from './redis/console-redis';
import { LoginRateLimiter } from './sessions/login-rate-limiter';
import { SessionGuard } from './sessions/session.guard';
import { SessionStore } from './sessions/session.store';
import { SessionsController } from './sessions/sessions.controller';
import { SignInUseCase } from './sessions/use-cases/sign-in/sign-in.use-case';
import { TrustProxySetting } from './web/trust-proxy.setting';
import { WebAppMiddleware } from './web/web-app.middleware';

/** Infrastructure of the console's own: config and the Redis connection, global for the feature modules. */
@Module({})
class ConsoleCoreModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: ConsoleCoreModule,
      global: true,
      providers: [{ provide: OpsConsoleConfig, useValue: config }, ConsoleRedis],
      exports: [OpsConsoleConfig, ConsoleRedis],
    };
  }
}

/**
 * The ops console's backend-for-frontend: sign-in, sessions, CSRF, the sign-in audit, the proxy to the
 * five services, and the built web app at `/`. No database; sessions live in Redis.
 */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConsoleCoreModule.forRoot(config),
        ObservabilityModule.forRoot({
          service: 'ops-console',
          level: config.LOG_LEVEL,
          metricsToken: config.METRICS_TOKEN,
          healthChecks: [
            { inject: [ConsoleRedis], useFactory: (redis: ConsoleRedis) => redisCheck(redis.client) },
            ...serviceChecks(config),
          ],
        }),
        HttpPlatformModule.forRoot({ config, service: 'ops-console' }),
      ],
      controllers: [SessionsController, ProxyController, AuditController, ConsoleConfigController],
      providers: [
        AccountRepository,
        SessionStore,
        SessionGuard,
        LoginRateLimiter,
        SignInAuditRepository,
        SignInMetrics,
        SignInUseCase,
        ServiceProxy,
        WebAppMiddleware,
        TrustProxySetting,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebAppMiddleware).forRoutes('*');
  }
}
