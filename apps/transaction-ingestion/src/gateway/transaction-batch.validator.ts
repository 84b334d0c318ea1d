import { BadRequestException } from '@nestjs/common';
import {
  checkRawTransactionRules,
  DEFAULT_CURRENCY,
  parseRawTransaction,
  Topics,
} from '@merchant-pulse/contracts';
import { OutgoingRecord } from '@merchant-pulse/kafka';
import { boundedDetail, transactionIdOf } from './batch-answer.codec';
import { TransactionBatchResultDto } from './dto/transaction-batch.dto';

/** Largest batch accepted in one request. */
export const MAX_BATCH_ITEMS = 1_000;

/** The items of a batch body. @throws BadRequestException (400) when it is not `{ "transactions": [1..1000] }`. */
export function batchItemsOf(rawBody: Buffer): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new BadRequestException('Body must be JSON: { "transactions": [...] }');
  }
  const list = (body as { transactions?: unknown } | null)?.transactions;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH_ITEMS)
    throw new BadRequestException(`transactions must be an array of 1 to ${MAX_BATCH_ITEMS} items`);
  return list;
}

/**
 * Validates every item (contract + stateless rules, at one instant) into the records to produce and
 * the answer that will be sent once they are on Kafka. Pure: nothing is claimed or written here.
 */
export function validateBatch(
  acquirerId: string,
  items: readonly unknown[],
  rules: { nowMs: number; futureToleranceMs: number },
): { records: OutgoingRecord[]; answer: TransactionBatchResultDto } {
  const records: OutgoingRecord[] = [];
  const results = items.map((item, index) => {
    const transactionId = transactionIdOf(item);
    const rejected = (reason: string, detail?: string) => ({
      index,
      transactionId,
      status: 'rejected' as const,
      reason,
      ...(detail !== undefined && { detail: boundedDetail(detail) }),
    });
    const bytes = serialised(item);
    if (bytes === undefined) return rejected('schema_violation', 'the item is nested too deeply');
    const parsed = parseRawTransaction(bytes);
    if (!parsed.ok) return rejected(parsed.reason, parsed.detail);
    const tx = parsed.value;
    if (tx.acquirerId !== acquirerId) return rejected('schema_violation', 'acquirerId differs from the path');
    const violation = checkRawTransactionRules(tx, {
      now: rules.nowMs,
      futureToleranceMs: rules.futureToleranceMs,
      expectedCurrency: tx.currency ?? DEFAULT_CURRENCY,
    });
    if (violation) return rejected(violation);
    records.push({ topic: Topics.AcquirerTransactions, key: tx.merchantId, value: bytes });
    return { index, transactionId: tx.transactionId, status: 'accepted' as const };
  });
  return {
    records,
    answer: { accepted: records.length, rejected: results.length - records.length, results },
  };
}

/** The item as JSON, or undefined when it is too deep to serialise (V8 throws RangeError). */
function serialised(item: unknown): string | undefined {
  try {
    return JSON.stringify(item);
  } catch {
    return undefined;
  }
}
