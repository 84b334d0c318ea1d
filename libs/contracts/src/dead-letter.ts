import { toStorableText } from './validation/storable-values';

/**
 * Dead-letter convention. A message that cannot be processed is published to the dead-letter twin
 * of its topic (`deadLetterTopicOf`) with the SAME key and the ORIGINAL value bytes, unchanged, so it
 * can be inspected and replayed as is; why it failed and where it came from travel in Kafka headers.
 * It never blocks the partition and is never dropped silently (counted in
 * `pulse_dead_letters_total{topic,reason}`).
 */

/**
 * Every dead-letter reason code, for dashboards and alerts to enumerate. Codes of the contract
 * validators (`parseEvent`, `parseRawTransaction`) first — `too_large` (over the byte limit) and
 * `too_deep` (nested deeper than 32 levels) are hostile or broken producers, not schema drift — then ingestion's business rules, then the
 * catch-all for a handler that failed after retries. (`duplicate` is an outcome, not a reason.)
 */
export const DEAD_LETTER_REASONS = [
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
] as const;

/** A dead-letter reason code. */
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/** True when `value` is one of {@link DEAD_LETTER_REASONS}. */
export function isDeadLetterReason(value: unknown): value is DeadLetterReason {
  return typeof value === 'string' && (DEAD_LETTER_REASONS as readonly string[]).includes(value);
}

/** Header names of a dead-letter record. */
export const DeadLetterHeaders = {
  /** A {@link DeadLetterReason}. */
  Reason: 'x-dlq-reason',
  /** Human-readable detail, e.g. `amountMinor: must be a safe integer` (at most 1000 characters). */
  Detail: 'x-dlq-detail',
  /** Topic the message was consumed from. */
  OriginalTopic: 'x-dlq-original-topic',
  /** Partition it was consumed from (decimal). */
  OriginalPartition: 'x-dlq-original-partition',
  /** Offset it was consumed at (decimal string, as Kafka offsets are int64). */
  OriginalOffset: 'x-dlq-original-offset',
  /** When it was dead-lettered, ISO-8601 UTC. */
  FailedAt: 'x-dlq-failed-at',
  /** Consumer group that gave up on it. */
  ConsumerGroup: 'x-dlq-consumer-group',
} as const;

/** Metadata of a dead-letter record (what the headers carry). */
export interface DeadLetterMetadata {
  /** Why the message was dead-lettered. */
  reason: DeadLetterReason;
  /** Human-readable detail. */
  detail: string;
  /** Topic the message was consumed from. */
  originalTopic: string;
  /** Partition it was consumed from. */
  originalPartition: number;
  /** Offset it was consumed at (int64 as a decimal string). */
  originalOffset: string;
  /** When it was dead-lettered. */
  failedAt: Date;
  /** Consumer group that gave up on it. */
  consumerGroup: string;
}

/** Longest `x-dlq-detail` value; longer details are cut with an ellipsis. */
export const MAX_DEAD_LETTER_DETAIL_LENGTH = 1000;

/**
 * Builds the headers of a dead-letter record (string values; kafkajs encodes them as UTF-8). The
 * detail is capped and made storable (NULs and lone surrogates become U+FFFD), since consumers of
 * the DLQ write it to Postgres.
 */
export function deadLetterHeaders(meta: DeadLetterMetadata): Record<string, string> {
  const detail = toStorableText(
    meta.detail.length > MAX_DEAD_LETTER_DETAIL_LENGTH
      ? `${meta.detail.slice(0, MAX_DEAD_LETTER_DETAIL_LENGTH - 1)}…`
      : meta.detail,
  );
  return {
    [DeadLetterHeaders.Reason]: meta.reason,
    [DeadLetterHeaders.Detail]: detail,
    [DeadLetterHeaders.OriginalTopic]: meta.originalTopic,
    [DeadLetterHeaders.OriginalPartition]: String(meta.originalPartition),
    [DeadLetterHeaders.OriginalOffset]: meta.originalOffset,
    [DeadLetterHeaders.FailedAt]: meta.failedAt.toISOString(),
    [DeadLetterHeaders.ConsumerGroup]: meta.consumerGroup,
  };
}

/** Header values as kafkajs delivers them (`IHeaders`), without depending on kafkajs. */
export type KafkaHeadersLike = Record<string, Buffer | string | Array<Buffer | string> | undefined>;

function headerText(headers: KafkaHeadersLike, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Reads the metadata of a dead-letter record. Returns null when the headers are not a complete,
 * well-formed dead-letter set (missing header, unknown reason, bad partition or timestamp).
 */
export function readDeadLetterHeaders(headers: KafkaHeadersLike | undefined): DeadLetterMetadata | null {
  if (!headers) return null;
  const text = (name: string) => headerText(headers, name);
  const reason = text(DeadLetterHeaders.Reason);
  const detail = text(DeadLetterHeaders.Detail);
  const originalTopic = text(DeadLetterHeaders.OriginalTopic);
  const partition = text(DeadLetterHeaders.OriginalPartition);
  const originalOffset = text(DeadLetterHeaders.OriginalOffset);
  const failedAt = text(DeadLetterHeaders.FailedAt);
  const consumerGroup = text(DeadLetterHeaders.ConsumerGroup);
  if (!isDeadLetterReason(reason) || detail === undefined || !originalTopic || !consumerGroup) return null;
  if (!partition || !/^\d+$/.test(partition) || !originalOffset || !/^\d+$/.test(originalOffset)) return null;
  const failedAtDate = new Date(failedAt ?? '');
  if (Number.isNaN(failedAtDate.getTime())) return null;
  return {
    reason,
    detail,
    originalTopic,
    originalPartition: Number(partition),
    originalOffset,
    failedAt: failedAtDate,
    consumerGroup,
  };
}

/**
 * Headers of a re-driven message: a dead letter's original bytes republished to its source topic
 * after a fix. The consumer uses them to count the message as re-driven (moved out of `rejected`)
 * instead of received a second time.
 */
export const RedriveHeaders = {
  /** Id of the dead letter being re-driven (UUID). */
  DeadLetterId: 'x-redrive-dead-letter-id',
  /** Which re-drive of the original message this is: 1 for the first, 2 for a re-drive of its dead letter… */
  Attempt: 'x-redrive-attempt',
} as const;

/** What a re-drive's headers say. */
export interface RedriveMarker {
  /** The dead letter being re-driven. */
  deadLetterId: string;
  /** 1-based re-drive attempt. */
  attempt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Builds the re-drive headers (string values). */
export function redriveHeaders(marker: RedriveMarker): Record<string, string> {
  return {
    [RedriveHeaders.DeadLetterId]: marker.deadLetterId,
    [RedriveHeaders.Attempt]: String(marker.attempt),
  };
}

/** Reads the re-drive headers; null when absent or malformed (then the message is an ordinary one). */
export function readRedriveHeaders(headers: KafkaHeadersLike | undefined): RedriveMarker | null {
  if (!headers) return null;
  const id = headerText(headers, RedriveHeaders.DeadLetterId);
  const attempt = headerText(headers, RedriveHeaders.Attempt);
  if (!id || !UUID.test(id) || !attempt || !/^[1-9]\d{0,5}$/.test(attempt)) return null;
  return { deadLetterId: id, attempt: Number(attempt) };
}
