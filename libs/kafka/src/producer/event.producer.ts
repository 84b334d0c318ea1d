import { CompressionTypes, IHeaders, Kafka, Partitioners, Producer, RetryOptions } from 'kafkajs';
import { TopicNamer } from '../kafka.client';
import { isProducerStateError, produceFailureKind, RecordTooLargeError } from './producer.errors';
import { planProduceRequests, recordBytes } from './produce-request.plan';

/** One record to produce: logical topic, key (merchantId), bytes and headers. */
export interface OutgoingRecord {
  topic: string;
  key: string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

export interface EventProducerOptions {
  /**
   * Upper bound, in bytes, of one produce request (key + value + headers + record overhead, an
   * over-estimate of the broker's record batch). Must stay below the topics' `max.message.bytes`
   * (broker default 1,048,588), which bounds each partition's batch; default 1,000,000. A record
   * that alone exceeds it is refused before anything is sent ({@link RecordTooLargeError}).
   */
  maxRequestBytes?: number;
  /** kafkajs retries of one request (a missing topic fails after them); default 10, up to 5 s apart. */
  retry?: RetryOptions;
}

export const DEFAULT_MAX_REQUEST_BYTES = 1_000_000;

/**
 * The one producer configuration of the system: idempotent (no duplicates from internal retries),
 * acks from all in-sync replicas, one request in flight so per-key order survives retries, the
 * Java-compatible murmur2 partitioner so every producer puts a merchant on the same partition.
 * Records go out in requests bounded by {@link EventProducerOptions.maxRequestBytes}, one after the
 * other, so a large set never exceeds the broker's limit and per-key order is kept.
 */
export class EventProducer {
  private producer: Producer;
  private connected = false;
  readonly maxRequestBytes: number;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics = new TopicNamer(),
    private readonly options: EventProducerOptions = {},
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.producer = this.createProducer();
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  /** Whether a record, alone, fits in one request. */
  fits(record: OutgoingRecord): boolean {
    return recordBytes(record) <= this.maxRequestBytes;
  }

  /**
   * Resolves once every record is acknowledged by all in-sync replicas. Throws
   * {@link RecordTooLargeError} (nothing sent) when one record alone exceeds the bound; when a later
   * request fails, the earlier ones are already acknowledged (at least once: a retry duplicates them).
   */
  async send(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const tooLarge = records.find((record) => !this.fits(record));
    if (tooLarge) throw new RecordTooLargeError(recordBytes(tooLarge), this.maxRequestBytes, tooLarge.topic);
    await this.connect();
    for (const request of planProduceRequests(records, this.maxRequestBytes)) await this.sendRequest(request);
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }

  private async sendRequest(records: OutgoingRecord[]): Promise<void> {
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const record of records) {
      const list = byTopic.get(record.topic);
      if (list) list.push(record);
      else byTopic.set(record.topic, [record]);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: this.topics.physical(topic),
          messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
        })),
      });
    } catch (error) {
      // A request refused for some partitions may have been appended on others, and kafkajs then
      // rewinds the sequence numbers of all of them: the next send would be OUT_OF_ORDER forever.
      // A fresh producer id starts clean (what was appended is re-sent: at least once).
      if (isProducerStateError(error) || produceFailureKind(error) === 'record') await this.reset();
      throw error;
    }
  }

  private async reset(): Promise<void> {
    const previous = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    await previous.disconnect().catch(() => undefined);
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: this.options.retry ?? { retries: 10, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }
}
