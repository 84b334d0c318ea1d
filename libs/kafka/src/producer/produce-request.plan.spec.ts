import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { OutgoingRecord } from './event.producer';
import { BATCH_OVERHEAD, planProduceRequests, recordBytes } from './produce-request.plan';
import { produceFailureKind, RecordTooLargeError } from './producer.errors';

const record = (value: string, headers: Record<string, string> = {}): OutgoingRecord => ({
  topic: 't.v1',
  key: 'm-1',
  value,
  headers,
});

describe(planProduceRequests.name, () => {
  it('should keep every request under the bound and the records in order when they exceed it together', () => {
    const records = Array.from({ length: 1_000 }, (_, i) => record(`${i}`.padEnd(900, 'x'), { h: 'v' }));
    const requests = planProduceRequests(records, 64_000);
    expect(requests.flat()).toEqual(records);
    for (const request of requests) {
      const bytes = BATCH_OVERHEAD + request.reduce((sum, r) => sum + recordBytes(r) - BATCH_OVERHEAD, 0);
      expect(bytes).toBeLessThanOrEqual(64_000);
    }
    expect(requests.length).toBeGreaterThanOrEqual(15);
  });

  it('should send one request when everything fits', () => {
    expect(planProduceRequests([record('a'), record('b')], 1_000)).toHaveLength(1);
  });

  it('should put a record larger than the bound alone in its request', () => {
    const big = record('x'.repeat(2_000));
    expect(planProduceRequests([record('a'), big, record('b')], 1_000)).toEqual([
      [record('a')],
      [big],
      [record('b')],
    ]);
  });
});

describe(recordBytes.name, () => {
  it('should count key, value, header names and values in bytes (UTF-8), plus framing', () => {
    const bytes = recordBytes(record('é'.repeat(100), { 'x-dlq-reason': 'malformed_json' }));
    expect(bytes).toBeGreaterThanOrEqual(3 + 200 + 12 + 14 + BATCH_OVERHEAD);
  });
});

function protocolError(
  type: string,
  code: number,
  retriable: boolean,
  message: string,
): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable }));
}

describe(produceFailureKind.name, () => {
  it('should call a too-large or invalid record permanent for the record, even wrapped by retries', () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', 10, false, 'x');
    expect(produceFailureKind(tooLarge)).toBe('record');
    expect(produceFailureKind(new RecordTooLargeError(2, 1, 't'))).toBe('record');
    const invalid = protocolError('INVALID_RECORD', 87, false, 'x');
    expect(produceFailureKind(invalid)).toBe('record');
  });

  it('should call an unknown topic after the retries a topic failure', () => {
    const unknown = protocolError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      3,
      true,
      'This server does not host this topic-partition',
    );
    const wrapped = new KafkaJSNumberOfRetriesExceeded(unknown, { retryCount: 10, retryTime: 5000 });
    expect(produceFailureKind(wrapped)).toBe('topic');
  });

  it('should call connection loss, timeouts and unknown errors transient', () => {
    expect(
      produceFailureKind(Object.assign(new Error('ECONNREFUSED'), { name: 'KafkaJSConnectionError' })),
    ).toBe('transient');
    expect(produceFailureKind(new Error('Request timed out'))).toBe('transient');
    expect(produceFailureKind('weird')).toBe('transient');
  });
});
