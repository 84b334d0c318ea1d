import { KafkaMetricsSink } from '../metrics.sink';
import { EventProducer, OutgoingRecord } from '../producer/event.producer';
import { MessageMeta } from './consumer.types';
import { DeadLetterHeaders } from '@merchant-pulse/contracts';
import { DeadLetterPublisher } from './dead-letter.publisher';

class RecordingProducer {
  sent: OutgoingRecord[] = [];
  async send(records: OutgoingRecord[]): Promise<void> {
    this.sent.push(...records);
  }
}

const meta = (offset: string, raw: string): MessageMeta => ({
  topic: 'acquirer.transactions.v1',
  partition: 3,
  offset,
  key: 'm-1',
  timestamp: '0',
  headers: { 'x-origin': 'acquirer-a' },
  raw: Buffer.from(raw),
});

describe(DeadLetterPublisher.name, () => {
  it('should publish the original bytes to the dead-letter twin with reason headers and count by reason', async () => {
    const producer = new RecordingProducer();
    const counted: Array<[string, string, number]> = [];
    const metrics: KafkaMetricsSink = {
      consumerLag: () => undefined,
      deadLetters: (topic, reason, n) => counted.push([topic, reason, n]),
      outboxPending: () => undefined,
    };
    const publisher = new DeadLetterPublisher(
      producer as unknown as EventProducer,
      'ingestion',
      metrics,
      () => new Date('2026-11-23T00:00:00Z'),
    );
    await publisher.publish([
      { meta: meta('7', '{bad'), reason: 'malformed_json', detail: 'Unexpected end' },
      { meta: meta('8', '{"a":1}'), reason: 'malformed_json' },
      { meta: meta('9', '{"m":"x"}'), reason: 'unknown_merchant' },
    ]);
    expect(producer.sent).toHaveLength(3);
    const [first] = producer.sent;
    expect(first.topic).toBe('acquirer.transactions.dlq.v1');
    expect(first.key).toBe('m-1');
    expect(first.value).toEqual(Buffer.from('{bad'));
    expect(first.headers).toMatchObject({
      'x-origin': 'acquirer-a',
      [DeadLetterHeaders.Reason]: 'malformed_json',
      [DeadLetterHeaders.Detail]: 'Unexpected end',
      [DeadLetterHeaders.OriginalPartition]: '3',
      [DeadLetterHeaders.OriginalOffset]: '7',
      [DeadLetterHeaders.ConsumerGroup]: 'ingestion',
      [DeadLetterHeaders.FailedAt]: '2026-11-23T00:00:00.000Z',
    });
    expect(counted).toEqual([
      ['acquirer.transactions.v1', 'malformed_json', 2],
      ['acquirer.transactions.v1', 'unknown_merchant', 1],
    ]);
  });

  it('should publish nothing when there are no dead letters', async () => {
    const producer = new RecordingProducer();
    const publisher = new DeadLetterPublisher(producer as unknown as EventProducer, 'g', {
      consumerLag: () => undefined,
      deadLetters: () => undefined,
      outboxPending: () => undefined,
    });
    await publisher.publish([]);
    expect(producer.sent).toEqual([]);
  });
});
