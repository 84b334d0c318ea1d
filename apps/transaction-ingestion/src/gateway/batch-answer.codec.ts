import { IDENTIFIER_PATTERN } from '@merchant-pulse/contracts';
import { BatchItemResultDto, TransactionBatchResultDto } from './dto/transaction-batch.dto';

/** Longest `detail` of a rejected item, in the answer and in its stored copy. */
export const MAX_DETAIL_CHARS = 200;

/**
 * Largest stored Idempotency-Key answer, in bytes. Over it the details are left out and only the
 * reason codes are kept, which for 1,000 items stays under ~6 kB: a stored answer never passes this.
 */
export const MAX_STORED_ANSWER_BYTES = 16_384;

/**
 * The compact copy of a batch answer kept for an Idempotency-Key. Accepted items cost nothing: only
 * rejections are stored, grouped by reason; transaction ids are read back from the request body, which
 * the body hash guarantees is byte-for-byte the one that was answered.
 */
export interface StoredBatchAnswer {
  /** Number of items in the batch. */
  n: number;
  /** Indexes of the rejected items by reason code. */
  r: Record<string, number[]>;
  /** Detail of a rejected item by index; absent when it would have passed {@link MAX_STORED_ANSWER_BYTES}. */
  d?: Record<string, string>;
}

/** The item's `transactionId` when it is a valid identifier (so echoing it back is bounded). */
export function transactionIdOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { transactionId?: unknown }).transactionId;
  return typeof id === 'string' && IDENTIFIER_PATTERN.test(id) ? id : undefined;
}

/** A rejection detail cut to {@link MAX_DETAIL_CHARS}. */
export function boundedDetail(detail: string | undefined): string | undefined {
  if (detail === undefined || detail.length <= MAX_DETAIL_CHARS) return detail;
  return `${detail.slice(0, MAX_DETAIL_CHARS - 1)}…`;
}

/** The stored copy of `answer`, at most {@link MAX_STORED_ANSWER_BYTES} once serialised. */
export function compactAnswer(answer: TransactionBatchResultDto): StoredBatchAnswer {
  const r: Record<string, number[]> = {};
  const d: Record<string, string> = {};
  for (const item of answer.results) {
    if (item.status !== 'rejected') continue;
    (r[item.reason ?? 'rejected'] ??= []).push(item.index);
    if (item.detail !== undefined) d[item.index] = item.detail;
  }
  const full: StoredBatchAnswer = { n: answer.results.length, r, d };
  return Buffer.byteLength(JSON.stringify(full)) <= MAX_STORED_ANSWER_BYTES
    ? full
    : { n: answer.results.length, r };
}

/** The answer `stored` was made from, for the same request body's `items`. */
export function expandAnswer(
  stored: StoredBatchAnswer,
  items: readonly unknown[],
): TransactionBatchResultDto {
  const reasonOf = new Map<number, string>();
  for (const [reason, indexes] of Object.entries(stored.r)) for (const i of indexes) reasonOf.set(i, reason);
  const results: BatchItemResultDto[] = [];
  for (let index = 0; index < stored.n; index++) {
    const transactionId = transactionIdOf(items[index]);
    const reason = reasonOf.get(index);
    const result: Omit<BatchItemResultDto, 'status'> = {
      index,
      ...(transactionId !== undefined && { transactionId }),
    };
    if (reason === undefined) results.push({ ...result, status: 'accepted' });
    else {
      const detail = stored.d?.[index];
      results.push({ ...result, status: 'rejected', reason, ...(detail !== undefined && { detail }) });
    }
  }
  return { accepted: stored.n - reasonOf.size, rejected: reasonOf.size, results };
}
