import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { backoffDelayMs } from '../backoff';
import { KafkaLibLogger, TopicNamer } from '../kafka.client';
import { KafkaMetricsSink, noopKafkaMetrics } from '../metrics.sink';
import { EventProducer } from '../producer/event.producer';
import { ChunkApplier } from './chunk.applier';
import { describeError } from './consumer-error.classifier';
import { ChunkContext, ChunkHandler, MessageMeta, ParseResult, Rejection, ValidItem } from './consumer.types';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { OffsetFenceStore } from './offset-fence';

export interface BatchConsumerOptions<T> {
  kafka: Kafka;
  dataSource: DataSource;
  /** Used for dead letters. */
  producer: EventProducer;
  /** Logical consumer group id (the deployment's topic prefix is prepended). */
  groupId: string;
  /** Logical topics to consume. */
  topics: string[];
  /** Turns raw bytes into a value or a reason code. Should not throw; if it does, the message is a `schema_violation`. */
  parse: (raw: Buffer | null, meta: MessageMeta) => ParseResult<T>;
  /** Applies a chunk (or a part of one) inside the chunk's transaction; must be idempotent or use `fence`. */
  handle: ChunkHandler<T>;
  /** Optional offset fence, locked and advanced in each chunk's transaction (see {@link OffsetFenceStore}). */
  fence?: OffsetFenceStore;
  /** With `fence`: rule rejections of valid messages already applied, whose dead letters go out again. */
  replayed?: (items: ValidItem<T>[], context: ChunkContext) => Promise<Rejection[]>;
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
  /** True when an error may be caused by the messages (default: data errors and handler errors). */
  isPoison?: (error: unknown) => boolean;
}

/** `starting` until the group is joined (retrying in the background), `crashed` until it is rejoined. */
export type ConsumerState = 'starting' | 'running' | 'crashed' | 'stopped';

export interface ConsumerStatus {
  group: string;
  state: ConsumerState;
  /** The last start or crash error, while not running. */
  error?: string;
  /** While crashed: for how long (ms) the group has been down since the first crash. */
  crashedForMs?: number;
}

interface PendingVerification {
  offset: bigint;
  fenceNext: bigint;
  returnTo: string;
}

/**
 * The batch consumer every high-volume topic uses (instead of Nest's one-message-at-a-time transport):
 * kafkajs `eachBatch`, one DB transaction per chunk ({@link ChunkApplier}: fence, savepoints,
 * bisection), dead letters published and offsets committed only after that transaction commits,
 * heartbeats between chunks and between bisection parts. It never gives up: a group that cannot be
 * joined at boot is retried in the background, and a consumer kafkajs will not restart (non-retriable
 * crash) is replaced by a fresh one after a backoff; {@link status} says which state it is in.
 */
export class BatchConsumerRunner<T> {
  private readonly namer: TopicNamer;
  private readonly group: string;
  private readonly metrics: KafkaMetricsSink;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly applier: ChunkApplier<T>;
  private consumer?: Consumer;
  private state: ConsumerState = 'stopped';
  /** When the group went down (first crash since it last ran); cleared on rejoin. */
  private crashedAtMs: number | undefined;
  private lastError?: string;
  private stopping = false;
  private crashes = 0;
  private wake?: () => void;
  private launching?: Promise<void>;
  private readonly pendingVerifications = new Map<string, PendingVerification>();
  private readonly verifiedFences = new Map<string, bigint>();

  constructor(private readonly options: BatchConsumerOptions<T>) {
    this.namer = options.topicNamer ?? new TopicNamer();
    this.group = this.namer.physical(options.groupId);
    this.metrics = options.metrics ?? noopKafkaMetrics;
    this.deadLetters = new DeadLetterPublisher(options.producer, this.group, this.metrics, undefined, {
      overflow: options.dataSource,
    });
    this.applier = new ChunkApplier<T>({
      dataSource: options.dataSource,
      parse: options.parse,
      handle: options.handle,
      replayed: options.replayed,
      fence: options.fence,
      maxTransientRetries: options.maxTransientRetries ?? 5,
      isPoison: options.isPoison,
      logger: options.logger,
      onFenceReset: (topic, partition) => this.metrics.fenceResets?.(topic, partition, this.group),
    });
  }

  get groupId(): string {
    return this.group;
  }

  status(): ConsumerStatus {
    const status: ConsumerStatus = { group: this.group, state: this.state };
    if (this.state !== 'running' && this.lastError !== undefined) status.error = this.lastError;
    if (this.state === 'crashed' && this.crashedAtMs !== undefined)
      status.crashedForMs = Date.now() - this.crashedAtMs;
    return status;
  }

  /** Resolves once the consumer runs; until then retries with backoff (Kafka unreachable at boot). */
  start(): Promise<void> {
    this.stopping = false;
    this.state = 'starting';
    this.launching = this.launchUntilRunning();
    return this.launching;
  }

  /** Stops fetching, lets the batch in hand finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // A consumer still connecting or rejoining (Kafka unreachable) gives up once disconnected.
    if (this.state !== 'running') await this.consumer?.disconnect().catch(() => undefined);
    await this.launching;
    await this.consumer?.disconnect();
    this.consumer = undefined;
    this.state = 'stopped';
  }

  private async launchUntilRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        await this.launch();
        return;
      } catch (error) {
        this.lastError = describeError(error);
        this.options.logger?.warn(
          { err: this.lastError, group: this.group, attempt },
          'kafka consumer could not start; retrying',
        );
        await this.pause(backoffDelayMs(attempt, 500, 30_000));
      }
    }
  }

  private async launch(): Promise<void> {
    const consumer = this.createConsumer();
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.pendingVerifications.clear();
      this.verifiedFences.clear();
      this.crashes = 0;
      this.lastError = undefined;
      this.crashedAtMs = undefined;
      this.state = 'running';
    });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.onCrash(consumer, payload.error, payload.restart),
    );
    try {
      await consumer.connect();
      for (const topic of this.options.topics) {
        await consumer.subscribe({ topic: this.namer.physical(topic), fromBeginning: true });
      }
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.onBatch(consumer, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** kafkajs restarts after retriable crashes itself; after any other one, a fresh consumer takes over. */
  private onCrash(consumer: Consumer, error: Error, restart: boolean): void {
    if (this.stopping || consumer !== this.consumer) return;
    this.state = 'crashed';
    this.crashedAtMs ??= Date.now();
    this.lastError = describeError(error);
    this.options.logger?.error({ err: this.lastError, group: this.group, restart }, 'kafka consumer crashed');
    if (restart) return;
    const delay = backoffDelayMs(this.crashes++, 1_000, 30_000);
    this.launching = this.pause(delay).then(() => (this.stopping ? undefined : this.launchUntilRunning()));
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private createConsumer(): Consumer {
    return this.options.kafka.consumer({
      groupId: this.group,
      // A crashed member's partitions move after this long; heartbeats go out between chunks.
      sessionTimeout: 15_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition:
        this.options.maxBytesPerPartition ?? Math.max(1_048_576, (this.options.chunkSize ?? 1_000) * 1_024),
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300 },
    });
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (batch.messages.length === 0 || isStale()) return;
    const topic = this.namer.logical(batch.topic);
    const key = `${batch.topic}|${batch.partition}`;
    const pending = this.pendingVerifications.get(key);
    if (pending) return this.finishVerification(consumer, payload, key, pending);
    const chunkSize = this.options.chunkSize ?? 1_000;
    let lastOffset: string | undefined;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) break;
      const slice = batch.messages.slice(start, start + chunkSize);
      const metas = slice.map((m) => toMeta(topic, batch.partition, m));
      const outcome = await this.applier.apply({
        metas,
        highWatermark: batch.highWatermark,
        heartbeat,
        verifiedNext: this.verifiedFences.get(key),
      });
      if (outcome.kind === 'verify') {
        // Read the message the fence claims was applied last, then come back here.
        this.pendingVerifications.set(key, { ...outcome, returnTo: slice[0].offset });
        consumer.seek({ topic: batch.topic, partition: batch.partition, offset: outcome.offset.toString() });
        return;
      }
      await this.deadLetters.publish(outcome.letters);
      lastOffset = slice[slice.length - 1].offset;
      resolveOffset(lastOffset);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() },
      ]);
      await heartbeat();
    }
    if (lastOffset !== undefined) {
      const lag = Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(lastOffset) - 1n));
      this.metrics.consumerLag(topic, batch.partition, this.group, lag);
    }
  }

  /** The batch that starts where the fence's last message should be: prove or reset the fence, go back. */
  private async finishVerification(
    consumer: Consumer,
    { batch }: EachBatchPayload,
    key: string,
    pending: PendingVerification,
  ): Promise<void> {
    const first = batch.messages[0];
    if (BigInt(first.offset) < pending.offset) return; // fetched before the seek took effect
    const topic = this.namer.logical(batch.topic);
    const marker =
      BigInt(first.offset) === pending.offset ? toMeta(topic, batch.partition, first) : undefined;
    const verified = await this.applier.verifyFence(topic, batch.partition, pending.fenceNext, marker);
    if (verified) this.verifiedFences.set(key, pending.fenceNext);
    this.pendingVerifications.delete(key);
    consumer.seek({ topic: batch.topic, partition: batch.partition, offset: pending.returnTo });
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
