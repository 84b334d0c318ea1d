import { DeadLetterReason, deadLetterHeaders, deadLetterTopicOf } from '@merchant-pulse/contracts';
import { DataSource } from 'typeorm';
import { KafkaMetricsSink } from '../metrics.sink';
import { EventProducer, OutgoingRecord } from '../producer/event.producer';
import { recordBytes, splitByBytes } from '../producer/produce-request.plan';
import { describeProduceError as describeError, produceFailureKind } from '../producer/producer.errors';
import { DeadLetterOverflowStore, OverflowLetter } from './dead-letter-overflow.store';
import { MessageMeta } from './consumer.types';

export interface DeadLetter {
  meta: MessageMeta;
  reason: DeadLetterReason;
  detail?: string;
}

export interface DeadLetterPublisherOptions {
  /** Where letters too large for the dead-letter topic go; without it they make `publish` throw. */
  overflow?: DeadLetterOverflowStore | DataSource;
}

interface Outgoing {
  letter: DeadLetter;
  record: OutgoingRecord;
}

/**
 * Publishes rejected messages to their topic's dead-letter twin (`x.v1` → `x.dlq.v1`) in produce
 * requests bounded by the producer's byte limit; a letter the dead-letter topic cannot take (alone
 * above the limit, or refused by the broker as too large) is stored in `dead_letter_overflow`
 * instead. Counts every letter in `pulse_dead_letters_total{topic,reason}` and the stored ones also
 * in `pulse_dead_letters_overflow_total{topic,reason}`. Awaited before offsets are committed, so a
 * rejected message is never dropped silently.
 */
export class DeadLetterPublisher {
  private readonly overflow?: DeadLetterOverflowStore;

  constructor(
    private readonly producer: EventProducer,
    private readonly group: string,
    private readonly metrics: KafkaMetricsSink,
    private readonly now: () => Date = () => new Date(),
    options: DeadLetterPublisherOptions = {},
  ) {
    const { overflow } = options;
    this.overflow =
      overflow === undefined || isOverflowStore(overflow) ? overflow : new DeadLetterOverflowStore(overflow);
  }

  async publish(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = this.now();
    const outgoing = letters.map((letter) => ({ letter, record: this.toRecord(letter, failedAt) }));
    const overflow: OverflowLetter[] = [];
    const fitting: Outgoing[] = [];
    for (const item of outgoing) {
      if (this.producer.fits(item.record)) fitting.push(item);
      else
        overflow.push(
          this.overflowLetter(
            item,
            `larger than the producer's limit of ${this.producer.maxRequestBytes} bytes`,
          ),
        );
    }
    for (const request of splitByBytes(fitting, (f) => recordBytes(f.record), this.producer.maxRequestBytes))
      overflow.push(...(await this.sendIsolatingTooLarge(request)));
    await this.storeOverflow(overflow);
    this.count(letters, (topic, reason, n) => this.metrics.deadLetters(topic, reason, n));
    this.count(
      overflow.map((o) => o.letter),
      (topic, reason, n) => this.metrics.deadLettersOverflow?.(topic, reason, n),
    );
  }

  /**
   * Sends one request; when the broker refuses a letter as too large, sends the request's letters one
   * by one to find it. A refused request may have been appended on its other partitions, so those
   * letters can reach the dead-letter topic twice (at least once, never lost).
   */
  private async sendIsolatingTooLarge(items: Outgoing[]): Promise<OverflowLetter[]> {
    try {
      await this.producer.send(items.map((i) => i.record));
      return [];
    } catch (error) {
      if (produceFailureKind(error) !== 'record') throw error;
      if (items.length === 1) return [this.overflowLetter(items[0], describeError(error))];
      const overflow: OverflowLetter[] = [];
      for (const item of items) overflow.push(...(await this.sendIsolatingTooLarge([item])));
      return overflow;
    }
  }

  private async storeOverflow(overflow: OverflowLetter[]): Promise<void> {
    if (overflow.length === 0) return;
    if (!this.overflow)
      throw new Error(
        `${overflow.length} dead letter(s) too large for the dead-letter topic and no overflow store configured`,
      );
    await this.overflow.store(overflow);
  }

  private toRecord({ meta, reason, detail }: DeadLetter, failedAt: Date): OutgoingRecord {
    return {
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
    };
  }

  private overflowLetter({ letter, record }: Outgoing, cause: string): OverflowLetter {
    return { letter, bytes: recordBytes(record), consumerGroup: this.group, cause };
  }

  private count(letters: DeadLetter[], emit: (topic: string, reason: string, n: number) => void): void {
    const counts = new Map<string, number>();
    for (const { meta, reason } of letters) {
      const k = `${meta.topic}\u0000${reason}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counts) {
      const [topic, reason] = k.split('\u0000');
      emit(topic, reason, n);
    }
  }
}

function isOverflowStore(value: DeadLetterOverflowStore | DataSource): value is DeadLetterOverflowStore {
  return typeof (value as Partial<DeadLetterOverflowStore>).store === 'function';
}
