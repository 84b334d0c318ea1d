import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PublicHealthCheckError } from '@merchant-pulse/observability';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { BatchConsumerRunner, ConsumerStatus } from '../consumer/batch-consumer.runner';
import { KafkaLibLogger, TopicNamer } from '../kafka.client';
import { KafkaMetricsSink } from '../metrics.sink';
import { OutboxRelay } from '../outbox/outbox.relay';
import { EventProducer } from '../producer/event.producer';
import { KAFKA_BATCH_CONSUMER, KafkaBatchConsumerSpec, KafkaBatchHandler } from './kafka-consumer.decorator';
import { KafkaHealthProbe } from './kafka-health.probe';
import { KAFKA_LOGGER, KAFKA_METRICS, KAFKA_MODULE_OPTIONS, KafkaModuleOptions } from './kafka.tokens';

interface DiscoveredConsumer {
  spec: KafkaBatchConsumerSpec;
  handler: KafkaBatchHandler<unknown>;
  name: string;
}

/**
 * Starts the outbox relay and every discovered batch consumer after boot; on shutdown stops the
 * consumers first (each finishes and commits its batch in hand, then leaves the group), then flushes
 * the relay, then closes the producer — before the database pool closes.
 */
@Injectable()
export class KafkaLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runners: Array<BatchConsumerRunner<unknown>> = [];

  constructor(
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(TopicNamer) private readonly namer: TopicNamer,
    @Inject(KafkaHealthProbe) private readonly probe: KafkaHealthProbe,
    @Inject(KAFKA_METRICS) private readonly metrics: KafkaMetricsSink,
    @Inject(KAFKA_LOGGER) private readonly logger: KafkaLibLogger,
    private readonly discovery: DiscoveryService,
  ) {}

  /**
   * Starts the relay, then joins the consumer groups in the background: HTTP comes up at once (a
   * restarted replica can wait up to a session timeout for its group). A group that cannot be joined
   * (Kafka unreachable at boot) keeps being retried; readiness reports it through
   * {@link assertConsuming}, liveness a crashed one through {@link assertAlive}.
   */
  async onApplicationBootstrap(): Promise<void> {
    const consumers = this.discoverConsumers();
    assertOneHandlerPerTopic(consumers, this.options.consumes ?? []);
    if (this.options.runConsumers === false) return;
    if (this.options.relay !== false) this.relay.start();
    this.runners = consumers.map((consumer) => this.createRunner(consumer));
    void Promise.all(
      this.runners.map(async (runner, i) => {
        await runner.start();
        this.logger.info(
          { consumer: consumers[i].name, group: runner.groupId, topics: consumers[i].spec.topics },
          'kafka consumer started',
        );
      }),
    );
  }

  /** The state of every consumer group this process runs (none when RUN_CONSUMERS=false). */
  consumerStatuses(): Array<{ group: string; state: string }> {
    return this.runners.map((r) => r.status());
  }

  /** Readiness: throws until every consumer runs (joined its group), naming the ones that do not. */
  assertConsuming(): Promise<void> {
    const down = this.runners.map((r) => r.status()).filter((s) => s.state !== 'running');
    if (down.length === 0) return Promise.resolve();
    // Public message: groups and states only; the errors (they name brokers) are in the log.
    return Promise.reject(
      new PublicHealthCheckError(`consumers not running: ${down.map(describeState).join('; ')}`),
    );
  }

  /**
   * Liveness: throws once a consumer group has stayed down after a crash (being restarted with
   * backoff) for longer than the grace period, so an orchestrator replaces a process whose restarts
   * keep failing — but not for a broker blip kafkajs recovers from by itself (readiness reports that at
   * once). A group still joining at boot (Kafka unreachable) is not a reason to restart the process.
   */
  assertAlive(): Promise<void> {
    const graceMs = this.options.livenessGraceMs ?? DEFAULT_LIVENESS_GRACE_MS;
    const crashed = this.runners
      .map((r) => r.status())
      .filter((s) => s.state === 'crashed' && (s.crashedForMs ?? Infinity) >= graceMs);
    if (crashed.length === 0) return Promise.resolve();
    return Promise.reject(
      new PublicHealthCheckError(`consumers crashed: ${crashed.map(describeState).join('; ')}`),
    );
  }

  private createRunner({ spec, handler }: DiscoveredConsumer): BatchConsumerRunner<unknown> {
    return new BatchConsumerRunner<unknown>({
      kafka: this.kafka,
      dataSource: this.dataSource,
      producer: this.producer,
      groupId: spec.groupId,
      topics: spec.topics,
      chunkSize: spec.chunkSize,
      partitionsConsumedConcurrently: spec.partitionsConsumedConcurrently,
      topicNamer: this.namer,
      logger: this.logger,
      metrics: this.metrics,
      parse: (raw, meta) => handler.parse(raw, meta),
      handle: (chunk, context) => handler.handle(chunk, context),
      fence: handler.fence,
      replayed: handler.replayed ? (items, context) => handler.replayed!(items, context) : undefined,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    this.runners = [];
    await this.relay.stop();
    await this.producer.disconnect();
    await this.probe.close();
  }

  private discoverConsumers(): DiscoveredConsumer[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({
        spec: Reflect.getMetadata(KAFKA_BATCH_CONSUMER, wrapper.metatype as object) as
          KafkaBatchConsumerSpec | undefined,
        handler: wrapper.instance as KafkaBatchHandler<unknown>,
        name: wrapper.name as string,
      }))
      .filter((c): c is DiscoveredConsumer => c.spec !== undefined);
  }
}

function describeState(status: ConsumerStatus): string {
  return `${status.group} ${status.state}`;
}

/** How long a crashed consumer group may stay down before liveness fails (kafkajs restarts it meanwhile). */
export const DEFAULT_LIVENESS_GRACE_MS = 30_000;

/** A (group, topic) with two handlers, or a declared topic with none, is a wiring bug: refuse to start. */
export function assertOneHandlerPerTopic(consumers: DiscoveredConsumer[], declared: string[]): void {
  const seen = new Map<string, string>();
  for (const { spec, name } of consumers) {
    for (const topic of spec.topics) {
      const key = `${spec.groupId} ← ${topic}`;
      const previous = seen.get(key);
      if (previous) throw new Error(`Two Kafka handlers for ${key}: ${previous} and ${name}`);
      seen.set(key, name);
    }
  }
  const handled = new Set(consumers.flatMap((c) => c.spec.topics));
  const missing = declared.filter((topic) => !handled.has(topic));
  if (missing.length) throw new Error(`No Kafka handler for declared topic(s): ${missing.join(', ')}`);
}
