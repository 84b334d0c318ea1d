import { checkRawTransactionRules } from '@merchant-pulse/contracts';
import { feeForTransaction, reversalFeeMinor } from '@merchant-pulse/fees';
import { feeRatesAt, MerchantView } from '../merchants/merchant-view';
import { isCardReadFailure } from '../shared/card-read-failure';
import { localDateHour } from '../shared/local-time';
import { IngestItem, IngestRejection, OriginalTransaction, PricedTransaction } from './ingest.model';

/** How a chunk splits before anything is written. */
export interface IngestPlan {
  /** Merchant not in the projection yet: parked until MerchantRegistered (or the TTL). */
  toPark: IngestItem[];
  rejections: IngestRejection[];
  /** Second and later copies of one identity inside the chunk. */
  duplicates: IngestItem[];
  /** Valid, priced, not yet known to be new (the insert decides). */
  priced: PricedTransaction[];
}

export interface PlanContext {
  merchants: ReadonlyMap<string, MerchantView>;
  nowMs: number;
  futureToleranceMs: number;
}

/**
 * Applies the stateless rules, resolves merchants and removes in-chunk duplicates. The first copy of
 * an identity decides: later copies are duplicates, or rejected again when the first was rejected —
 * exactly what they would be in a later chunk, so counts do not depend on how a batch is split.
 */
export function planIngestion(items: readonly IngestItem[], context: PlanContext): IngestPlan {
  const plan: IngestPlan = { toPark: [], rejections: [], duplicates: [], priced: [] };
  const seen = new Map<string, IngestRejection | null>();
  for (const item of items) {
    const { tx } = item;
    const identity = `${tx.acquirerId}\u0000${tx.transactionId}`;
    const first = seen.get(identity);
    if (first !== undefined) {
      if (first) plan.rejections.push({ ...first, item });
      else plan.duplicates.push(item);
      continue;
    }
    seen.set(identity, null);
    const merchant = context.merchants.get(tx.merchantId);
    if (!merchant) {
      plan.toPark.push(item);
      continue;
    }
    const violation = checkRawTransactionRules(tx, {
      now: context.nowMs,
      futureToleranceMs: context.futureToleranceMs,
      expectedCurrency: merchant.currency,
    });
    if (violation) {
      const rejection = { item, reason: violation, detail: ruleDetail(violation, item, merchant) };
      plan.rejections.push(rejection);
      seen.set(identity, rejection);
      continue;
    }
    plan.priced.push(price(item, merchant));
  }
  return plan;
}

/** Local date/hour in the merchant's timezone, fee at the plan effective on occurredAt. */
export function price(item: IngestItem, merchant: MerchantView): PricedTransaction {
  const { tx } = item;
  const occurredMs = Date.parse(tx.occurredAt);
  const { date, hour } = localDateHour(occurredMs, merchant.timezone);
  const feeMinor =
    tx.status === 'approved' && tx.type !== 'reversal' && tx.amountMinor >= 0
      ? feeForTransaction(tx, feeRatesAt(merchant, occurredMs))
      : 0;
  return {
    item,
    merchant,
    occurredMs,
    localDate: date,
    hour,
    feeMinor,
    cardReadFailure: isCardReadFailure(tx),
  };
}

/** How a chunk's refunds and reversals relate to their originals. */
export interface OriginalsPlan {
  kept: PricedTransaction[];
  rejections: IngestRejection[];
  /** Refunds and reversals whose original is not known yet: parked until it arrives (or the TTL). */
  awaiting: PricedTransaction[];
}

/**
 * Attaches originals to refunds and reversals. A missing original is parked (`awaiting`): a refund can
 * reach us before its purchase (another acquirer system, a replay, a purchase parked for an unknown
 * merchant). A reversal must cancel an approved, not yet reversed purchase and books the exact negation
 * of the original's fee. Approved refunds of one original may never add up to more than its amount
 * (`refund_exceeds_original`), counting earlier refunds and those earlier in the chunk.
 */
export function attachOriginals(
  priced: readonly PricedTransaction[],
  originals: ReadonlyMap<string, OriginalTransaction>,
): OriginalsPlan {
  const plan: OriginalsPlan = { kept: [], rejections: [], awaiting: [] };
  const reversedInChunk = new Set<string>();
  const refundedInChunk = new Map<string, number>();
  for (const p of priced) {
    const { tx } = p.item;
    if (tx.type === 'purchase') {
      plan.kept.push(p);
      continue;
    }
    const key = `${tx.acquirerId}\u0000${tx.originalTransactionId}`;
    const original = originals.get(key);
    if (!original) {
      plan.awaiting.push(p);
      continue;
    }
    const problem = originalProblem(tx.type, original, reversedInChunk.has(key));
    if (problem) {
      plan.rejections.push({ item: p.item, reason: 'original_not_found', detail: problem });
      continue;
    }
    p.original = original;
    if (tx.type === 'refund' && tx.status === 'approved') {
      const refunded = original.refundedMinor + (refundedInChunk.get(key) ?? 0);
      if (refunded + tx.amountMinor > original.amountMinor) {
        const detail = `refund of ${tx.amountMinor} fen would bring refunds of ${tx.originalTransactionId} to ${refunded + tx.amountMinor}, above its ${original.amountMinor}`;
        plan.rejections.push({ item: p.item, reason: 'refund_exceeds_original', detail });
        continue;
      }
      refundedInChunk.set(key, refunded - original.refundedMinor + tx.amountMinor);
    }
    if (tx.type === 'reversal' && tx.status === 'approved') {
      reversedInChunk.add(key);
      p.feeMinor = reversalFeeMinor(original.feeMinor);
    }
    plan.kept.push(p);
  }
  return plan;
}

function originalProblem(
  type: string,
  original: OriginalTransaction,
  reversedInChunk: boolean,
): string | null {
  if (original.type !== 'purchase') return `original is a ${original.type}, not a purchase`;
  if (type !== 'reversal') return null;
  if (original.status !== 'approved') return 'original purchase was declined; nothing to reverse';
  if (original.reversedBy !== null || reversedInChunk) return 'original purchase is already reversed';
  return null;
}

function ruleDetail(violation: string, item: IngestItem, merchant: MerchantView): string {
  const { tx } = item;
  switch (violation) {
    case 'non_positive_amount':
      return `${tx.type} amountMinor must be positive, got ${tx.amountMinor}`;
    case 'amount_out_of_range':
      return `amountMinor ${tx.amountMinor} is above the per-transaction maximum`;
    case 'future_dated':
      return `occurredAt ${tx.occurredAt} is beyond the tolerated clock skew`;
    default:
      return `currency ${tx.currency} differs from the merchant's ${merchant.currency}`;
  }
}
