import { DeadLetterReason, deadLetterHeaders, deadLetterTopicOf } from '@merchant-pulse/contracts';
import { KafkaMetricsSink } from '../metrics.sink';
import { EventProducer } from '../producer/event.producer';
import { MessageMeta } from './consumer.types';

export interface DeadLetter {
  meta: MessageMeta;
  reason: DeadLetterReason;
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
    const failedAt = this.now();
    await this.producer.send(
      letters.map(({ meta, reason, detail }) => ({
        topic: deadLetterTopicOf(meta.topic),
        key: meta.key,
        value: meta.raw,
        headers: {
          ...meta.headers,
          ...deadLetterHeaders({
            reason,
            detail: detail ?? '',
            originalTopic: meta.topic,
            originalPartition: meta.partition,
            originalOffset: meta.offset,
            failedAt,
            consumerGroup: this.group,
          }),
        },
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
}
