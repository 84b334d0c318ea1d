import { CompressionTypes, IHeaders, Kafka, Partitioners, Producer } from 'kafkajs';
import { TopicNamer } from '../kafka.client';

/** One record to produce: logical topic, key (merchantId), bytes and headers. */
export interface OutgoingRecord {
  topic: string;
  key: string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

/**
 * The one producer configuration of the system: idempotent (no duplicates from internal retries),
 * acks from all in-sync replicas, one request in flight so per-key order survives retries, the
 * Java-compatible murmur2 partitioner so every producer puts a merchant on the same partition.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly topics = new TopicNamer(),
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  /** Resolves once every record is acknowledged by all in-sync replicas. */
  async send(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const record of records) {
      const list = byTopic.get(record.topic);
      if (list) list.push(record);
      else byTopic.set(record.topic, [record]);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.topics.physical(topic),
        messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
