import { Topics } from '@merchant-pulse/contracts';
import {
  EventProducer,
  KafkaLibLogger,
  OutgoingRecord,
  TopicNamer,
  createKafkaClient,
} from '@merchant-pulse/kafka';
import type { MessageSink } from './message.sink';
import type { SimMessage } from './transaction.stream';

/**
 * Produces to `acquirer.transactions.v1` (optionally prefixed) keyed by merchantId, through the
 * project's one producer configuration: idempotent, acks from all in-sync replicas, murmur2
 * partitioner (so a merchant lands where every other producer puts it).
 */
export class KafkaSink implements MessageSink {
  private readonly producer: EventProducer;

  constructor(brokers: string[], topicPrefix = '', logger: KafkaLibLogger = oneLineLogger) {
    const kafka = createKafkaClient({ brokers, clientId: 'acquirer-simulator', logger });
    this.producer = new EventProducer(kafka, new TopicNamer(topicPrefix));
  }

  async send(batch: SimMessage[]): Promise<void> {
    const records: OutgoingRecord[] = batch.map((m) => ({
      topic: Topics.AcquirerTransactions,
      key: m.key,
      value: m.value,
    }));
    await this.producer.send(records);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** kafkajs errors as one stderr line each (retried "not leader" blips included), warnings dropped. */
const oneLineLogger: KafkaLibLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (_obj, msg) => process.stderr.write(`\n${msg}\n`),
};

/** Drops every kafkajs log line (tests). */
export const silentKafkaLogger: KafkaLibLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
