/**
 * How a failed produce is handled. kafkajs wraps broker errors (after its retries) in
 * `KafkaJSNumberOfRetriesExceeded`/`KafkaJSNonRetriableError`; the broker's error code survives as
 * `type` somewhere down the `cause`/`originalError` chain.
 *
 * - `record`: this record can never be accepted (too large, invalid) — retrying it is pointless.
 * - `topic`: the topic does not exist (after the producer's retries) or may not be written.
 * - `transient`: anything else (broker down, timeouts, leader moves) — retry later, keep the record.
 */
export type ProduceFailureKind = 'record' | 'topic' | 'transient';

const RECORD_ERRORS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);
const TOPIC_ERRORS = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
]);
/** The idempotent producer's sequence state is broken: only a new producer id recovers. */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

/** Thrown before anything is sent when one record alone exceeds the producer's byte bound. */
export class RecordTooLargeError extends Error {
  readonly type = 'MESSAGE_TOO_LARGE';
  constructor(
    readonly bytes: number,
    readonly limit: number,
    topic: string,
  ) {
    super(`record of ${bytes} bytes for ${topic} exceeds the producer's limit of ${limit} bytes`);
    this.name = 'RecordTooLargeError';
  }
}

/** The Kafka error code (`MESSAGE_TOO_LARGE`, …) of an error or of any error it wraps. */
export function kafkaErrorType(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const candidate = current as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof candidate.type === 'string') return candidate.type;
    current = candidate.cause ?? candidate.originalError;
  }
  return undefined;
}

export function produceFailureKind(error: unknown): ProduceFailureKind {
  const type = kafkaErrorType(error);
  if (type && RECORD_ERRORS.has(type)) return 'record';
  if (type && TOPIC_ERRORS.has(type)) return 'topic';
  return 'transient';
}

export function isProducerStateError(error: unknown): boolean {
  const type = kafkaErrorType(error);
  return type !== undefined && PRODUCER_STATE_ERRORS.has(type);
}

export function describeProduceError(error: unknown): string {
  const type = kafkaErrorType(error);
  const message = error instanceof Error ? error.message : String(error);
  return type && !message.includes(type) ? `${type}: ${message}` : message;
}
