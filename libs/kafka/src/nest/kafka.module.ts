import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LOGGER, MetricsService } from '@merchant-pulse/observability';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { createKafkaClient, KafkaLibLogger, TopicNamer } from '../kafka.client';
import { KafkaMetricsSink } from '../metrics.sink';
import { OutboxRelay } from '../outbox/outbox.relay';
import { EventProducer } from '../producer/event.producer';
import { KafkaHealthProbe } from './kafka-health.probe';
import { KafkaLifecycle } from './kafka.lifecycle';
import { KAFKA_LOGGER, KAFKA_METRICS, KAFKA_MODULE_OPTIONS, KafkaModuleOptions } from './kafka.tokens';

const CONSUMER_UP_METRIC = Symbol('merchant-pulse:kafka-consumer-up-metric');

/** Binds the lib's metrics to the process's Prometheus registry. */
export function prometheusKafkaMetrics(metrics: MetricsService): KafkaMetricsSink {
  // Registered at boot (not on the first reset), so dashboards and scrapes see it from the start.
  const fenceResets = metrics.counter(
    'pulse_kafka_fence_resets_total',
    'Stale offset fences reset (topic re-created)',
    ['topic', 'partition', 'group'],
  );
  return {
    consumerLag: (topic, partition, group, lag) =>
      metrics.kafkaConsumerLag.set({ topic, partition: String(partition), group }, lag),
    deadLetters: (topic, reason, count) => metrics.deadLettersTotal.inc({ topic, reason }, count),
    deadLettersOverflow: (topic, reason, count) =>
      metrics.deadLettersOverflowTotal.inc({ topic, reason }, count),
    outboxPending: (count) => metrics.outboxPending.set(count),
    fenceResets: (topic, partition, group) => fenceResets.inc({ topic, partition: String(partition), group }),
    outboxFailed: (topic, error, count) => metrics.outboxFailedTotal.inc({ topic, error }, count),
  };
}

/**
 * `pulse_kafka_consumer_up{group}`: 1 while this process's consumer of the group runs, 0 while it is
 * starting, crashed or stopped; read at scrape time. Alert rules and dashboards take the max over
 * replicas: 0 everywhere means the group consumes nothing.
 */
export function registerConsumerUpMetric(metrics: MetricsService, lifecycle: KafkaLifecycle): Gauge<'group'> {
  const gauge = metrics.gauge(
    'pulse_kafka_consumer_up',
    'Whether the consumer group runs in this process (1) or not (0)',
    ['group'],
  );
  (gauge as unknown as { collect: () => void }).collect = () => {
    gauge.reset();
    for (const s of lifecycle.consumerStatuses())
      gauge.set({ group: s.group }, s.state === 'running' ? 1 : 0);
  };
  return gauge;
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
          provide: CONSUMER_UP_METRIC,
          inject: [MetricsService, KafkaLifecycle],
          useFactory: registerConsumerUpMetric,
        },
        {
          provide: TopicNamer,
          inject: [KAFKA_MODULE_OPTIONS],
          useFactory: (options: KafkaModuleOptions) => new TopicNamer(options.topicPrefix ?? ''),
        },
        {
          provide: Kafka,
          inject: [KAFKA_MODULE_OPTIONS, KAFKA_LOGGER],
          useFactory: (options: KafkaModuleOptions, logger: KafkaLibLogger) =>
            createKafkaClient({
              brokers: options.brokers,
              clientId: options.clientId,
              logger,
              sasl: options.sasl,
              ssl: options.ssl,
            }),
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
                sasl: options.sasl,
                ssl: options.ssl,
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
