import { DynamicModule, Module, Type } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ClockModule, SettableClock, SystemClock } from '@merchant-pulse/clock';
import { DatabaseModule, REDIS, RedisModule } from '@merchant-pulse/database';
import { HttpPlatformModule } from '@merchant-pulse/http';
import { KafkaHealthProbe, KafkaLifecycle, KafkaModule } from '@merchant-pulse/kafka';
import { kafkaCheck, ObservabilityModule, postgresCheck, redisCheck } from '@merchant-pulse/observability';
import type Redis from 'ioredis';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { ClockController } from './clock.controller';
import { MessagingRetentionJob } from './messaging-retention.job';
import { migrationsCheck } from './migrations.check';
import { ServiceInfoController } from './service-info.controller';
import { ServiceConfig } from './service.config';

/** What makes one service different from another at the platform level. */
export interface ServicePlatformOptions {
  /** Service name: logs, metrics, Kafka client id, Postgres application_name. */
  service: string;
  /** The service's validated configuration (a {@link ServiceConfig} subclass instance). */
  config: ServiceConfig;
  /** The Postgres schema the service owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Topics the service must consume (each needs exactly one `@KafkaBatchConsumer`). */
  consumes?: string[];
}

/**
 * The platform every service boots on, in one import: clock, pino logs, metrics, health
 * (Postgres, Kafka, Redis), the schema-scoped data source with migrations, Redis, Kafka (producer,
 * outbox relay, discovered consumers), API-key guard and rate limiting. Provides the config under
 * its own class, so use cases inject e.g. `MerchantRegistryConfig`.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    const { config, service } = options;
    const configClass = config.constructor as Type<ServiceConfig>;
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        ClockModule.forRoot(config.CLOCK_START ? new SettableClock(config.CLOCK_START) : new SystemClock()),
        ObservabilityModule.forRoot({
          service,
          level: config.LOG_LEVEL,
          metricsToken: config.METRICS_TOKEN,
          healthChecks: [
            { inject: [DataSource], useFactory: (ds: DataSource) => postgresCheck(ds) },
            { inject: [KafkaHealthProbe], useFactory: (probe: KafkaHealthProbe) => kafkaCheck(probe) },
            { inject: [REDIS], useFactory: (redis: Redis) => redisCheck(redis) },
            // Not migrating at boot (Kubernetes: the migrate Job does): not ready until it has.
            ...(config.migrateOnBoot
              ? []
              : [{ inject: [DataSource], useFactory: (ds: DataSource) => migrationsCheck(ds) }]),
            {
              inject: [KafkaLifecycle],
              useFactory: (kafka: KafkaLifecycle) => ({
                name: 'consumers',
                check: () => kafka.assertConsuming(),
              }),
            },
          ],
          livenessChecks: [
            {
              inject: [KafkaLifecycle],
              useFactory: (kafka: KafkaLifecycle) => ({
                name: 'consumers',
                check: () => kafka.assertAlive(),
              }),
            },
          ],
        }),
        DatabaseModule.forRoot(() => ({
          url: config.DATABASE_URL,
          schema: options.schema,
          applicationName: service,
          entities: options.entities,
          migrations: options.migrations,
          migrationsRun: config.migrateOnBoot,
          migrationUrl: config.migrationUrl,
        })),
        RedisModule.forRoot(() => config.REDIS_URL),
        KafkaModule.forRoot(() => ({
          clientId: service,
          brokers: config.kafkaBrokers,
          sasl: config.KAFKA_SASL_USERNAME
            ? { username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD ?? '' }
            : undefined,
          ssl: config.KAFKA_SSL_CA_FILE ? { ca: readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8') } : undefined,
          consumes: options.consumes,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          runConsumers: config.runConsumers,
          maxRequestBytes: config.KAFKA_MAX_REQUEST_BYTES,
        })),
        HttpPlatformModule.forRoot({ config }),
      ],
      controllers: [ServiceInfoController, ClockController],
      providers: [
        { provide: 'SERVICE_NAME', useValue: service },
        { provide: ServiceConfig, useValue: config },
        { provide: configClass, useValue: config },
        MessagingRetentionJob,
      ],
      exports: [ServiceConfig, configClass],
    };
  }
}
