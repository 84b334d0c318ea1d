import type { DeadLetterRecord } from './dead-letter.model';

/** Longest preview of the original bytes, in characters. */
export const PREVIEW_LENGTH = 512;

/**
 * A safe text preview of arbitrary bytes: decoded as UTF-8 (invalid sequences become U+FFFD), control
 * characters other than tab/newline shown as `\uXXXX`, cut at {@link PREVIEW_LENGTH} characters with an
 * ellipsis. Never throws, whatever the bytes.
 */
export function safePreview(value: Buffer): string {
  const text = value.subarray(0, PREVIEW_LENGTH * 4).toString('utf8');
  const cut = text.length > PREVIEW_LENGTH ? `${[...text].slice(0, PREVIEW_LENGTH).join('')}…` : text;
  return cut.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Why the bytes cannot be re-driven, or null. The outbox that republishes them stores text, so only
 * bytes that round-trip through UTF-8 exactly (and hold no NUL, which Postgres text refuses) can go;
 * anything else was malformed at the source and no fix on our side makes it valid. Nor does a fix make
 * a message that was too large any smaller.
 */
export function notRedrivableBecause(
  record: Pick<DeadLetterRecord, 'value' | 'status' | 'reason'>,
): string | null {
  if (record.status !== 'dead') return `already ${record.status.replace('_', ' ')}`;
  if (record.reason === 'too_large') return 'the message is larger than the topic accepts';
  if (record.value.includes(0)) return 'the original bytes contain NUL';
  if (!Buffer.from(record.value.toString('utf8'), 'utf8').equals(record.value))
    return 'the original bytes are not valid UTF-8';
  return null;
}

/** The list item of the dead-letter browser. */
export interface DeadLetterSummaryView {
  id: string;
  reason: string;
  detail: string;
  source: { topic: string; partition: number; offset: string };
  messageKey: string | null;
  acquirerId: string;
  businessDate: string;
  merchantId: string | null;
  transactionId: string | null;
  amountMinor: number;
  sizeBytes: number;
  preview: string;
  firstSeenAt: string;
  status: string;
  redriveOf: string | null;
  redrive: {
    attempt: number;
    requestedAt: string | null;
    requestedBy: string | null;
    apiKeyId: string | null;
    outcome: string | null;
    completedAt: string | null;
  } | null;
}

/** One dead letter with its original bytes and headers. */
export interface DeadLetterDetailView extends DeadLetterSummaryView {
  valueBase64: string;
  headers: Record<string, string>;
  consumerGroup: string;
  redrivable: boolean;
  notRedrivableBecause: string | null;
}

export function toSummaryView(r: DeadLetterRecord): DeadLetterSummaryView {
  return {
    id: r.id,
    reason: r.reason,
    detail: r.detail,
    source: { topic: r.topic, partition: r.partition, offset: r.offset },
    messageKey: r.key,
    acquirerId: r.acquirerId,
    businessDate: r.businessDate,
    merchantId: r.merchantId,
    transactionId: r.transactionId,
    amountMinor: r.amountMinor,
    sizeBytes: r.sizeBytes,
    preview: safePreview(r.value),
    firstSeenAt: r.firstSeenAt.toISOString(),
    status: r.status,
    redriveOf: r.redriveOf,
    redrive:
      r.status === 'dead'
        ? null
        : {
            attempt: r.redriveAttempt,
            requestedAt: r.redriveRequestedAt?.toISOString() ?? null,
            requestedBy: r.redriveRequestedBy,
            apiKeyId: r.redriveApiKeyId,
            outcome: r.redriveOutcome,
            completedAt: r.redrivenAt?.toISOString() ?? null,
          },
  };
}

export function toDetailView(r: DeadLetterRecord): DeadLetterDetailView {
  const because = notRedrivableBecause(r);
  return {
    ...toSummaryView(r),
    valueBase64: r.value.toString('base64'),
    headers: r.headers,
    consumerGroup: r.consumerGroup,
    redrivable: because === null,
    notRedrivableBecause: because,
  };
}
