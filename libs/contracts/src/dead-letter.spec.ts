import {
  DEAD_LETTER_REASONS,
  DeadLetterHeaders,
  DeadLetterMetadata,
  deadLetterHeaders,
  isDeadLetterReason,
  readDeadLetterHeaders,
  readRedriveHeaders,
  RedriveHeaders,
  redriveHeaders,
} from './dead-letter';

const meta: DeadLetterMetadata = {
  reason: 'unknown_merchant',
  detail: 'merchant M-404 is not registered',
  originalTopic: 'acquirer.transactions.v1',
  originalPartition: 7,
  originalOffset: '9007199254740993',
  failedAt: new Date('2026-03-10T03:00:00.000Z'),
  consumerGroup: 'transaction-ingestion',
};

describe(deadLetterHeaders.name, () => {
  it('should write every x-dlq header as a string when given the metadata', () => {
    expect(deadLetterHeaders(meta)).toEqual({
      'x-dlq-reason': 'unknown_merchant',
      'x-dlq-detail': 'merchant M-404 is not registered',
      'x-dlq-original-topic': 'acquirer.transactions.v1',
      'x-dlq-original-partition': '7',
      'x-dlq-original-offset': '9007199254740993',
      'x-dlq-failed-at': '2026-03-10T03:00:00.000Z',
      'x-dlq-consumer-group': 'transaction-ingestion',
    });
  });

  it('should cut the detail to 1000 characters when it is longer', () => {
    const headers = deadLetterHeaders({ ...meta, detail: 'x'.repeat(5000) });

    expect(headers[DeadLetterHeaders.Detail]).toHaveLength(1000);
  });

  it('should replace NULs and lone surrogates in the detail when it carries them (Postgres cannot store them)', () => {
    const headers = deadLetterHeaders({ ...meta, detail: 'bad \u0000 key \ud800 end' });

    expect(headers[DeadLetterHeaders.Detail]).toBe('bad \uFFFD key \uFFFD end');
  });
});

describe(readDeadLetterHeaders.name, () => {
  it('should read back what the builder wrote when the values arrive as Buffers (kafkajs)', () => {
    const asBuffers = Object.fromEntries(
      Object.entries(deadLetterHeaders(meta)).map(([name, value]) => [name, Buffer.from(value)]),
    );

    expect(readDeadLetterHeaders(asBuffers)).toEqual(meta);
  });

  it('should return null when a header is missing or the reason is unknown', () => {
    const headers = deadLetterHeaders(meta);
    const { [DeadLetterHeaders.OriginalTopic]: _topic, ...withoutTopic } = headers;

    expect(readDeadLetterHeaders(withoutTopic)).toBeNull();
    expect(readDeadLetterHeaders({ ...headers, [DeadLetterHeaders.Reason]: 'bad_vibes' })).toBeNull();
    expect(readDeadLetterHeaders({ ...headers, [DeadLetterHeaders.OriginalPartition]: 'seven' })).toBeNull();
    expect(readDeadLetterHeaders(undefined)).toBeNull();
  });
});

describe('DEAD_LETTER_REASONS', () => {
  it('should list the validation and ingestion codes once each and leave duplicate out', () => {
    const expected = [
      'empty_message',
      'malformed_json',
      'too_large',
      'too_deep',
      'schema_violation',
      'unknown_type',
      'unsupported_version',
      'wrong_topic',
      'unknown_merchant',
      'unknown_terminal',
      'non_positive_amount',
      'future_dated',
      'currency_mismatch',
      'original_not_found',
      'unknown_original',
      'refund_exceeds_original',
      'amount_out_of_range',
      'processing_failed',
    ];

    expect([...DEAD_LETTER_REASONS].sort()).toEqual(expected.sort());
    expect(isDeadLetterReason('duplicate')).toBe(false);
  });
});

describe(readRedriveHeaders.name, () => {
  const id = '0193a1b2-0000-7000-8000-000000000001';

  it('should read back what redriveHeaders wrote, from strings or Buffers', () => {
    const headers = redriveHeaders({ deadLetterId: id, attempt: 2 });
    expect(readRedriveHeaders(headers)).toEqual({ deadLetterId: id, attempt: 2 });
    const buffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(readRedriveHeaders(buffers)).toEqual({ deadLetterId: id, attempt: 2 });
  });

  it.each([
    ['no headers', undefined],
    ['a missing attempt', { [RedriveHeaders.DeadLetterId]: id }],
    ['an id that is not a UUID', { [RedriveHeaders.DeadLetterId]: 'x', [RedriveHeaders.Attempt]: '1' }],
    ['attempt 0', { [RedriveHeaders.DeadLetterId]: id, [RedriveHeaders.Attempt]: '0' }],
    ['a fractional attempt', { [RedriveHeaders.DeadLetterId]: id, [RedriveHeaders.Attempt]: '1.5' }],
  ])('should return null for %s', (_label, headers) => {
    expect(readRedriveHeaders(headers)).toBeNull();
  });
});
