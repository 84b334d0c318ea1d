import { deadLetterTopicOf } from '@merchant-pulse/contracts';
import { IHeaders } from 'kafkajs';
import { KafkaMetricsSink } from '../metrics.sink';
import { EventProducer } from '../producer/event.producer';
import { MessageMeta } from './consumer.types';

/** Dead-letter metadata travels in headers; the value stays the original bytes, untouched. */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  detail: 'x-dlq-detail',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  consumerGroup: 'x-dlq-consumer-group',
  failedAt: 'x-dlq-failed-at',
} as const;

export interface DeadLetter {
  meta: MessageMeta;
  reason: string;
  detail?: string;
}

/**
 * Publishes rejected messages to their topic's dead-letter twin (`x.v1` → `x.dlq.v1`) and counts
 * them in `pulse_dead_letters_total{topic,reason}`. Awaited before offsets are committed, so a
 * rejected message is never dropped silently.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly group: string,
    private readonly metrics: KafkaMetricsSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = this.now().toISOString();
    await this.producer.send(
      letters.map(({ meta, reason, detail }) => ({
        topic: deadLetterTopicOf(meta.topic),
        key: meta.key,
        value: meta.raw,
        headers: { ...meta.headers, ...this.headers(meta, reason, detail, failedAt) },
      })),
    );
    const counts = new Map<string, number>();
    for (const { meta, reason } of letters) {
      const k = `${meta.topic}\u0000${reason}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counts) {
      const [topic, reason] = k.split('\u0000');
      this.metrics.deadLetters(topic, reason, n);
    }
  }

  private headers(meta: MessageMeta, reason: string, detail: string | undefined, failedAt: string): IHeaders {
    return {
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.detail]: (detail ?? '').slice(0, 2_000),
      [DLQ_HEADERS.originalTopic]: meta.topic,
      [DLQ_HEADERS.originalPartition]: String(meta.partition),
      [DLQ_HEADERS.originalOffset]: meta.offset,
      [DLQ_HEADERS.consumerGroup]: this.group,
      [DLQ_HEADERS.failedAt]: failedAt,
    };
  }
}
