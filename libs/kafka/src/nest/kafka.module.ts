import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LOGGER, MetricsService } from '@merchant-pulse/observability';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createKafkaClient, KafkaLibLogger, TopicNamer } from '../kafka.client';
import { KafkaMetricsSink } from '../metrics.sink';
import { OutboxRelay } from '../outbox/outbox.relay';
import { EventProducer } from '../producer/event.producer';
import { KafkaHealthProbe } from './kafka-health.probe';
import { KafkaLifecycle } from './kafka.lifecycle';
import { KAFKA_LOGGER, KAFKA_METRICS, KAFKA_MODULE_OPTIONS, KafkaModuleOptions } from './kafka.tokens';

/** Binds the lib's metrics to the process's Prometheus registry. */
export function prometheusKafkaMetrics(metrics: MetricsService): KafkaMetricsSink {
  return {
    consumerLag: (topic, partition, group, lag) =>
      metrics.kafkaConsumerLag.set({ topic, partition: String(partition), group }, lag),
    deadLetters: (topic, reason, count) => metrics.deadLettersTotal.inc({ topic, reason }, count),
    deadLettersOverflow: (topic, reason, count) =>
      metrics.deadLettersOverflowTotal.inc({ topic, reason }, count),
    outboxPending: (count) => metrics.outboxPending.set(count),
    fenceResets: (topic, partition, group) =>
      metrics
        .counter('pulse_kafka_fence_resets_total', 'Stale offset fences reset (topic re-created)', [
          'topic',
          'partition',
          'group',
        ])
        .inc({ topic, partition: String(partition), group }),
    outboxFailed: (topic, error, count) => metrics.outboxFailedTotal.inc({ topic, error }, count),
  };
}

/**
 * Kafka for a service: client, idempotent producer, outbox relay, health probe, and the batch
 * consumers discovered from `@KafkaBatchConsumer` providers. Needs DatabaseModule and
 * ObservabilityModule (both global) in the app.
 */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(optionsFactory: () => KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: KAFKA_MODULE_OPTIONS, useFactory: optionsFactory },
        { provide: KAFKA_LOGGER, inject: [LOGGER], useFactory: (logger: Logger): KafkaLibLogger => logger },
        { provide: KAFKA_METRICS, inject: [MetricsService], useFactory: prometheusKafkaMetrics },
        {
          provide: TopicNamer,
          inject: [KAFKA_MODULE_OPTIONS],
          useFactory: (options: KafkaModuleOptions) => new TopicNamer(options.topicPrefix ?? ''),
        },
        {
          provide: Kafka,
          inject: [KAFKA_MODULE_OPTIONS, KAFKA_LOGGER],
          useFactory: (options: KafkaModuleOptions, logger: KafkaLibLogger) =>
            createKafkaClient({ brokers: options.brokers, clientId: options.clientId, logger }),
        },
        {
          provide: EventProducer,
          inject: [Kafka, TopicNamer, KAFKA_MODULE_OPTIONS],
          useFactory: (k: Kafka, n: TopicNamer, options: KafkaModuleOptions) =>
            new EventProducer(k, n, { maxRequestBytes: options.maxRequestBytes }),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, EventProducer, KAFKA_LOGGER, KAFKA_METRICS],
          useFactory: (
            ds: DataSource,
            producer: EventProducer,
            logger: KafkaLibLogger,
            metrics: KafkaMetricsSink,
          ) => new OutboxRelay(ds, producer, { logger, metrics }),
        },
        {
          provide: KafkaHealthProbe,
          inject: [KAFKA_MODULE_OPTIONS, KAFKA_LOGGER],
          useFactory: (options: KafkaModuleOptions, logger: KafkaLibLogger) =>
            new KafkaHealthProbe(
              createKafkaClient({
                brokers: options.brokers,
                clientId: `${options.clientId}-health`,
                logger,
                retries: 0,
              }),
            ),
        },
        KafkaLifecycle,
      ],
      exports: [
        Kafka,
        EventProducer,
        OutboxRelay,
        TopicNamer,
        KafkaHealthProbe,
        KafkaLifecycle,
        KAFKA_METRICS,
        KAFKA_LOGGER,
      ],
    };
  }
}
