import { DeadLetterHeaders } from '@merchant-pulse/contracts';
import { KafkaMetricsSink } from '../metrics.sink';
import { EventProducer, OutgoingRecord } from '../producer/event.producer';
import { recordBytes } from '../producer/produce-request.plan';
import { RecordTooLargeError } from '../producer/producer.errors';
import { MessageMeta } from './consumer.types';
import { DeadLetterOverflowStore, OverflowLetter } from './dead-letter-overflow.store';
import { DeadLetterPublisher } from './dead-letter.publisher';

/** Records each request; refuses records the `refuse` predicate picks as the broker would. */
class RecordingProducer {
  requests: OutgoingRecord[][] = [];
  constructor(
    readonly maxRequestBytes = 1_000_000,
    private readonly refuse: (r: OutgoingRecord) => boolean = () => false,
  ) {}
  fits(record: OutgoingRecord): boolean {
    return recordBytes(record) <= this.maxRequestBytes;
  }
  async send(records: OutgoingRecord[]): Promise<void> {
    const bytes = records.reduce((sum, r) => sum + recordBytes(r), 0);
    if (bytes > this.maxRequestBytes || records.some(this.refuse))
      throw Object.assign(new Error('The request included a message larger than the max message size'), {
        type: 'MESSAGE_TOO_LARGE',
      });
    this.requests.push(records);
  }
  get sent(): OutgoingRecord[] {
    return this.requests.flat();
  }
}

class RecordingOverflow {
  stored: OverflowLetter[] = [];
  async store(letters: OverflowLetter[]): Promise<void> {
    this.stored.push(...letters);
  }
}

const meta = (offset: string, raw: string | Buffer): MessageMeta => ({
  topic: 'acquirer.transactions.v1',
  partition: 3,
  offset,
  key: 'm-1',
  timestamp: '0',
  headers: { 'x-origin': 'acquirer-a' },
  raw: Buffer.from(raw),
});

function recordingMetrics() {
  const counted: Array<[string, string, number]> = [];
  const overflowed: Array<[string, string, number]> = [];
  const sink: KafkaMetricsSink = {
    consumerLag: () => undefined,
    deadLetters: (topic, reason, n) => counted.push([topic, reason, n]),
    deadLettersOverflow: (topic, reason, n) => overflowed.push([topic, reason, n]),
    outboxPending: () => undefined,
  };
  return { sink, counted, overflowed };
}

function publisherWith(producer: RecordingProducer, overflow?: RecordingOverflow) {
  const metrics = recordingMetrics();
  const publisher = new DeadLetterPublisher(
    producer as unknown as EventProducer,
    'ingestion',
    metrics.sink,
    () => new Date('2026-11-23T00:00:00Z'),
    { overflow: overflow as unknown as DeadLetterOverflowStore },
  );
  return { publisher, ...metrics };
}

describe(DeadLetterPublisher.name, () => {
  it('should publish the original bytes to the dead-letter twin with reason headers and count by reason', async () => {
    const producer = new RecordingProducer();
    const { publisher, counted } = publisherWith(producer);
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
    const { publisher, counted } = publisherWith(producer);
    await publisher.publish([]);
    expect(producer.sent).toEqual([]);
    expect(counted).toEqual([]);
  });

  it('should split the letters into requests below the byte bound, in order, when together they exceed it', async () => {
    const producer = new RecordingProducer(100_000);
    const { publisher, counted } = publisherWith(producer);
    const letters = Array.from({ length: 1_500 }, (_, i) => ({
      meta: meta(String(i), 'x'.repeat(1_000)),
      reason: 'unknown_merchant' as const,
    }));
    await publisher.publish(letters);
    expect(producer.requests.length).toBeGreaterThanOrEqual(15);
    for (const request of producer.requests)
      expect(request.reduce((sum, r) => sum + recordBytes(r), 0)).toBeLessThanOrEqual(100_000);
    expect(producer.sent.map((r) => r.headers?.[DeadLetterHeaders.OriginalOffset])).toEqual(
      letters.map((l) => l.meta.offset),
    );
    expect(counted).toEqual([['acquirer.transactions.v1', 'unknown_merchant', 1_500]]);
  });

  it('should store a letter larger than the bound in the overflow table and count it in both metrics', async () => {
    const producer = new RecordingProducer(50_000);
    const overflow = new RecordingOverflow();
    const { publisher, counted, overflowed } = publisherWith(producer, overflow);
    const huge = Buffer.alloc(60_000, 7);
    await publisher.publish([
      { meta: meta('1', 'small'), reason: 'malformed_json' },
      { meta: meta('2', huge), reason: 'malformed_json', detail: 'Unexpected token' },
      { meta: meta('3', 'also small'), reason: 'unknown_merchant' },
    ]);
    expect(producer.sent.map((r) => r.headers?.[DeadLetterHeaders.OriginalOffset])).toEqual(['1', '3']);
    expect(overflow.stored).toHaveLength(1);
    const [stored] = overflow.stored;
    expect(stored.letter.meta.raw).toEqual(huge);
    expect(stored.consumerGroup).toBe('ingestion');
    expect(stored.bytes).toBeGreaterThan(60_000);
    expect(stored.cause).toContain('50000');
    expect(counted).toEqual([
      ['acquirer.transactions.v1', 'malformed_json', 2],
      ['acquirer.transactions.v1', 'unknown_merchant', 1],
    ]);
    expect(overflowed).toEqual([['acquirer.transactions.v1', 'malformed_json', 1]]);
  });

  it('should isolate a letter the broker refuses as too large and store only that one', async () => {
    const refused = (r: OutgoingRecord) => r.headers?.[DeadLetterHeaders.OriginalOffset] === '5';
    const producer = new RecordingProducer(1_000_000, refused);
    const overflow = new RecordingOverflow();
    const { publisher, overflowed } = publisherWith(producer, overflow);
    await publisher.publish(
      Array.from({ length: 9 }, (_, i) => ({
        meta: meta(String(i), `v${i}`),
        reason: 'malformed_json' as const,
      })),
    );
    expect(producer.sent.map((r) => r.headers?.[DeadLetterHeaders.OriginalOffset])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '6',
      '7',
      '8',
    ]);
    expect(overflow.stored.map((s) => s.letter.meta.offset)).toEqual(['5']);
    expect(overflow.stored[0].cause).toContain('MESSAGE_TOO_LARGE');
    expect(overflowed).toEqual([['acquirer.transactions.v1', 'malformed_json', 1]]);
  });

  it('should refuse (throw, count nothing) when a letter overflows and no overflow store is configured', async () => {
    const producer = new RecordingProducer(1_000);
    const { publisher, counted } = publisherWith(producer);
    await expect(
      publisher.publish([{ meta: meta('1', Buffer.alloc(5_000)), reason: 'malformed_json' }]),
    ).rejects.toThrow('no overflow store configured');
    expect(counted).toEqual([]);
  });

  it('should rethrow a transient producer error and count nothing', async () => {
    const producer = new RecordingProducer();
    producer.send = async () => {
      throw Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    };
    const overflow = new RecordingOverflow();
    const { publisher, counted } = publisherWith(producer, overflow);
    await expect(publisher.publish([{ meta: meta('1', 'x'), reason: 'malformed_json' }])).rejects.toThrow(
      'ECONNREFUSED',
    );
    expect(overflow.stored).toEqual([]);
    expect(counted).toEqual([]);
  });

  it('should treat the producer refusing a record up front like the broker refusing it', async () => {
    const producer = new RecordingProducer();
    producer.send = async (records) => {
      throw new RecordTooLargeError(recordBytes(records[0]), 10, records[0].topic);
    };
    const overflow = new RecordingOverflow();
    const { publisher } = publisherWith(producer, overflow);
    await publisher.publish([{ meta: meta('1', 'x'), reason: 'malformed_json' }]);
    expect(overflow.stored.map((s) => s.letter.meta.offset)).toEqual(['1']);
  });
});
