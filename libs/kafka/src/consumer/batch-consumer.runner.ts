import { isTransientDatabaseError } from '@merchant-pulse/database';
import { runWithCorrelation } from '@merchant-pulse/observability';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { backoffDelayMs, sleep } from '../backoff';
import { KafkaLibLogger, TopicNamer } from '../kafka.client';
import { KafkaMetricsSink, noopKafkaMetrics } from '../metrics.sink';
import { EventProducer } from '../producer/event.producer';
import { ChunkHandler, InvalidItem, MessageMeta, ParseResult, ValidItem } from './consumer.types';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';

export interface BatchConsumerOptions<T> {
  kafka: Kafka;
  dataSource: DataSource;
  /** Used for dead letters. */
  producer: EventProducer;
  /** Logical consumer group id (the deployment's topic prefix is prepended). */
  groupId: string;
  /** Logical topics to consume. */
  topics: string[];
  /** Turns raw bytes into a value or a reason code. Must not throw. */
  parse: (raw: Buffer | null, meta: MessageMeta) => ParseResult<T>;
  /** Applies a chunk inside one transaction; must be idempotent (inbox or natural upserts). */
  handle: ChunkHandler<T>;
  /** Messages per transaction; default 1000. */
  chunkSize?: number;
  /** Retries of a chunk after a transient error before the batch is handed back to Kafka; default 5. */
  maxTransientRetries?: number;
  /** Partitions processed in parallel by this instance; default 1. */
  partitionsConsumedConcurrently?: number;
  /** Bytes fetched per partition per request; default 1 KiB per chunk message (≥ 1 MiB), so a fetch fills a chunk. */
  maxBytesPerPartition?: number;
  topicNamer?: TopicNamer;
  logger?: KafkaLibLogger;
  metrics?: KafkaMetricsSink;
  isTransient?: (error: unknown) => boolean;
}

/** Thrown when transient errors outlast the retries: the batch goes back to Kafka, uncommitted. */
export class TransientFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`transient failure persisted: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * The batch consumer every high-volume topic uses (instead of Nest's one-message-at-a-time transport):
 * kafkajs `eachBatch`, one DB transaction per chunk, dead letters published and offsets committed only
 * after that transaction commits, heartbeats between chunks. A message that fails on its own is found
 * by bisecting the chunk and dead-lettered as `processing_failed`, so it never blocks its partition.
 */
export class BatchConsumerRunner<T> {
  private readonly consumer: Consumer;
  private readonly namer: TopicNamer;
  private readonly group: string;
  private readonly metrics: KafkaMetricsSink;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly isTransient: (error: unknown) => boolean;
  private started = false;

  constructor(private readonly options: BatchConsumerOptions<T>) {
    this.namer = options.topicNamer ?? new TopicNamer();
    this.group = this.namer.physical(options.groupId);
    this.metrics = options.metrics ?? noopKafkaMetrics;
    this.isTransient = options.isTransient ?? isTransientDatabaseError;
    this.deadLetters = new DeadLetterPublisher(options.producer, this.group, this.metrics, undefined, {
      overflow: options.dataSource,
    });
    this.consumer = options.kafka.consumer({
      groupId: this.group,
      // A crashed member's partitions move after this long; heartbeats go out between chunks.
      sessionTimeout: 15_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition:
        options.maxBytesPerPartition ?? Math.max(1_048_576, (options.chunkSize ?? 1_000) * 1_024),
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300 },
    });
  }

  get groupId(): string {
    return this.group;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    for (const topic of this.options.topics) {
      await this.consumer.subscribe({ topic: this.namer.physical(topic), fromBeginning: true });
    }
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.started = true;
  }

  /** Stops fetching, lets the batch in hand finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.consumer.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const topic = this.namer.logical(batch.topic);
    const chunkSize = this.options.chunkSize ?? 1_000;
    let lastOffset: string | undefined;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) break;
      const slice = batch.messages.slice(start, start + chunkSize);
      const metas = slice.map((m) => toMeta(topic, batch.partition, m));
      const letters = await this.applyOrIsolate(metas, heartbeat);
      await this.deadLetters.publish(letters);
      lastOffset = slice[slice.length - 1].offset;
      resolveOffset(lastOffset);
      await this.consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() },
      ]);
      await heartbeat();
    }
    if (lastOffset !== undefined) {
      const lag = Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(lastOffset) - 1n));
      this.metrics.consumerLag(topic, batch.partition, this.group, lag);
    }
  }

  private async applyOrIsolate(metas: MessageMeta[], heartbeat: () => Promise<void>): Promise<DeadLetter[]> {
    const valid: ValidItem<T>[] = [];
    const invalid: InvalidItem[] = [];
    for (const meta of metas) {
      const parsed = this.options.parse(meta.raw, meta);
      if (parsed.ok) valid.push({ value: parsed.value, meta });
      else invalid.push({ meta, reason: parsed.reason, detail: parsed.detail });
    }
    return this.applyChunk(valid, invalid, false, heartbeat);
  }

  /** Applies a chunk; on a non-transient failure splits it in halves until the poison is alone. */
  private async applyChunk(
    valid: ValidItem<T>[],
    invalid: InvalidItem[],
    isolated: boolean,
    heartbeat: () => Promise<void>,
  ): Promise<DeadLetter[]> {
    try {
      const rejections = await this.transactWithRetries(valid, invalid, isolated, heartbeat);
      return [...invalid, ...rejections];
    } catch (error) {
      if (error instanceof TransientFailure) throw error;
      if (valid.length <= 1) return this.deadLetterPoison(valid, invalid, error, heartbeat);
      this.options.logger?.warn(
        { err: describeError(error), size: valid.length },
        'chunk failed; bisecting to isolate the poison message',
      );
      const middle = Math.ceil(valid.length / 2);
      const first = await this.applyChunk(valid.slice(0, middle), invalid, true, heartbeat);
      const second = await this.applyChunk(valid.slice(middle), [], true, heartbeat);
      return [...first, ...second];
    }
  }

  /** The poison is handed to the handler as invalid (so it is counted) and dead-lettered. */
  private async deadLetterPoison(
    valid: ValidItem<T>[],
    invalid: InvalidItem[],
    error: unknown,
    heartbeat: () => Promise<void>,
  ): Promise<DeadLetter[]> {
    const poison: InvalidItem[] = valid.map((v) => ({
      meta: v.meta,
      reason: 'processing_failed',
      detail: describeError(error),
    }));
    const all = [...invalid, ...poison];
    this.options.logger?.error(
      {
        err: describeError(error),
        offsets: poison.map((p) => p.meta.offset),
        topic: poison[0]?.meta.topic,
        correlationIds: poison.map((p) => p.meta.headers['correlation-id']?.toString()).filter(Boolean),
      },
      'poison message dead-lettered',
    );
    try {
      await this.transactWithRetries([], all, true, heartbeat);
    } catch (accountingError) {
      if (accountingError instanceof TransientFailure) throw accountingError;
      this.options.logger?.error({ err: describeError(accountingError) }, 'could not record dead letters');
    }
    return all;
  }

  private async transactWithRetries(
    valid: ValidItem<T>[],
    invalid: InvalidItem[],
    isolated: boolean,
    heartbeat: () => Promise<void>,
  ): Promise<DeadLetter[]> {
    const maxRetries = this.options.maxTransientRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const apply = () =>
          this.options.dataSource.transaction((manager) =>
            this.options.handle({ valid, invalid }, { manager, isolated }),
          );
        // Logs written while applying carry the events' correlation id when the chunk shares one.
        const correlationId = sharedCorrelationId(valid);
        const rejections = await (correlationId ? runWithCorrelation(correlationId, apply) : apply());
        return rejections ?? [];
      } catch (error) {
        if (!this.isTransient(error)) throw error;
        if (attempt >= maxRetries) throw new TransientFailure(error);
        this.options.logger?.warn({ err: describeError(error), attempt }, 'transient error; retrying chunk');
        await sleep(backoffDelayMs(attempt, 200, 5_000));
        await heartbeat().catch(() => undefined);
      }
    }
  }
}

function toMeta(topic: string, partition: number, message: KafkaMessage): MessageMeta {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    timestamp: message.timestamp,
    headers: message.headers ?? {},
    raw: message.value,
  };
}

/** The `correlation-id` header every message of the chunk carries, if they all carry the same one. */
function sharedCorrelationId(items: ValidItem<unknown>[]): string | undefined {
  let shared: string | undefined;
  for (const { meta } of items) {
    const value = meta.headers['correlation-id']?.toString();
    if (!value || (shared !== undefined && shared !== value)) return undefined;
    shared = value;
  }
  return shared;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
