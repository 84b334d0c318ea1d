import type { DeadLetterReason, RawTransaction, RedriveMarker } from '@merchant-pulse/contracts';
import type { MerchantView } from '../merchants/merchant-view';

/** One raw transaction that passed the contract parser, with where it came from. */
export interface IngestItem {
  tx: RawTransaction;
  /** The original bytes (kept for parking and dead letters). */
  raw: Buffer;
  key: string | null;
  /** Kafka partition it came from: the ledger shard. */
  partition: number;
  offset: string;
  /** Kafka timestamp of the message (produce time), for latency measurement. */
  producedAtMs: number | null;
  /** Opaque handle the transport needs back with a rejection (the runner's MessageMeta). */
  source?: unknown;
  /** Set when the message is a re-drive of a dead letter (its headers say so). */
  redrive?: RedriveMarker;
}

/** A message that never parsed: counted and stored as a dead letter (the runner publishes it). */
export interface UnparsedItem {
  acquirerId: string;
  businessDate: string;
  partition: number;
  reason: DeadLetterReason;
  /** The message itself, for the stored dead letter (absent only in unit tests of the counting). */
  message?: {
    offset: string;
    key: string | null;
    raw: Buffer;
    headers: Record<string, string>;
    detail: string;
  };
  /** Set when the message is a re-drive of a dead letter. */
  redrive?: RedriveMarker;
}

/** A valid transaction ingestion refused, with the dead-letter reason. */
export interface IngestRejection {
  item: IngestItem;
  reason: DeadLetterReason;
  detail: string;
}

/** The purchase a refund or reversal refers to, as stored. */
export interface OriginalTransaction {
  acquirerId: string;
  transactionId: string;
  merchantId: string;
  occurredAt: Date;
  localDate: string;
  channel: string;
  type: string;
  status: string;
  amountMinor: number;
  feeMinor: number;
  reversedBy: string | null;
  /** Sum of its approved refunds so far, in fen. */
  refundedMinor: number;
}

/** A transaction ready to persist: merchant resolved, priced, placed on the merchant's calendar. */
export interface PricedTransaction {
  item: IngestItem;
  merchant: MerchantView;
  occurredMs: number;
  localDate: string;
  hour: number;
  feeMinor: number;
  cardReadFailure: boolean;
  /** For refunds and reversals. */
  original?: OriginalTransaction;
}

/**
 * Outcome counters of one chunk, per ledger key. `redriven` lines are informational and not part of
 * `received`: a re-drive moves its message out of `rejected` into its new outcome (see dead-letters/).
 */
export type LedgerOutcome = 'accepted' | 'duplicate' | 'rejected' | 'parked' | 'redriven';

export interface LedgerDelta {
  acquirerId: string;
  businessDate: string;
  outcome: LedgerOutcome;
  reason: string;
  shard: number;
  count: number;
  amountMinor: number;
  feeMinor: number;
}
