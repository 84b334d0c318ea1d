import { computeFeeMinor } from './compute-fee';
import { FeeChannel, FeeRates } from './fee-rates';

/** The transaction kinds of the raw transaction stream. */
export type FeeTransactionType = 'purchase' | 'refund' | 'reversal';

/** The part of a transaction that prices it. */
export interface FeeTransaction {
  /** purchase, refund or reversal; the type carries the direction. */
  readonly type: FeeTransactionType;
  /** The amount as the acquirer sends it: a non-negative magnitude in fen for every type. */
  readonly amountMinor: number;
  /** The payment channel. */
  readonly channel: FeeChannel;
}

/** How refunds are priced. The acquirer's default is that a refund does not give the fee back. */
export interface FeePolicy {
  /** When true, a refund returns the fee on the refunded amount (a negative fee). Default false. */
  readonly refundsReturnFee?: boolean;
}

/** The default {@link FeePolicy}: refunds keep the fee. */
export const DEFAULT_FEE_POLICY: FeePolicy = Object.freeze({ refundsReturnFee: false });

/**
 * The fee booked for one transaction, signed from the merchant's side: positive = the merchant pays,
 * negative = a fee returned to the merchant.
 *
 * - purchase → `computeFeeMinor(amount)`.
 * - refund → 0; with `policy.refundsReturnFee`, `-computeFeeMinor(amount)` on the refunded amount at
 *   the given rates, rounded on its own (partial refunds may differ from a pro-rata share of the
 *   original fee by up to 1 fen each; a debit refund returns at most the cap).
 * - reversal → 0. A reversal voids the original, whose fee was priced at the original's rates which only
 *   the caller knows; the caller books {@link reversalFeeMinor} of the original's recorded fee.
 *
 * Only approved transactions should be priced; that filter is the caller's.
 * @throws RangeError for a negative or non-safe-integer amount, an unknown type or channel, or invalid rates.
 */
export function feeForTransaction(
  transaction: FeeTransaction,
  rates: FeeRates,
  policy: FeePolicy = DEFAULT_FEE_POLICY,
): number {
  const { type, amountMinor, channel } = transaction;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`amountMinor must be a non-negative safe integer magnitude, got ${amountMinor}`);
  }
  switch (type) {
    case 'purchase':
      return computeFeeMinor(amountMinor, channel, rates);
    case 'refund': {
      // Priced even when kept, so a bad channel or rate fails the same way for every type.
      const fee = computeFeeMinor(amountMinor, channel, rates);
      return policy.refundsReturnFee ? 0 - fee : 0;
    }
    case 'reversal':
      computeFeeMinor(amountMinor, channel, rates);
      return 0;
    default:
      throw new RangeError(`Unknown transaction type "${String(type)}"`);
  }
}

/**
 * The fee a caller books when reversing a transaction whose recorded fee was `originalFeeMinor`:
 * its exact negation (never `-0`), so original + reversal nets to zero.
 */
export function reversalFeeMinor(originalFeeMinor: number): number {
  if (!Number.isSafeInteger(originalFeeMinor)) {
    throw new RangeError(`originalFeeMinor must be a safe integer, got ${originalFeeMinor}`);
  }
  return 0 - originalFeeMinor;
}
