import type { DeadLetterReason } from '@merchant-pulse/contracts';

/** Lifecycle of a stored dead letter: re-driven at most once (a failed re-drive is a new dead letter). */
export type DeadLetterStatus = 'dead' | 'redrive_requested' | 'redriven';

export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = ['dead', 'redrive_requested', 'redriven'];

/** Where a re-driven message ended when it was consumed again. */
export type RedriveOutcome = 'accepted' | 'duplicate' | 'rejected' | 'parked';

/** A dead letter to store, with the ledger key its `rejected` count went to. */
export interface NewDeadLetter {
  reason: DeadLetterReason;
  detail: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  /** The original Kafka headers, as text. */
  headers: Record<string, string>;
  consumerGroup: string;
  acquirerId: string;
  businessDate: string;
  shard: number;
  amountMinor: number;
  merchantId: string | null;
  transactionId: string | null;
  /** The dead letter whose re-drive was refused again and became this one. */
  redriveOf: string | null;
}

/** A stored dead letter. */
export interface DeadLetterRecord extends Omit<NewDeadLetter, 'reason'> {
  id: string;
  reason: string;
  /** Size of the original value; `value` may hold only its first bytes in list answers. */
  sizeBytes: number;
  firstSeenAt: Date;
  status: DeadLetterStatus;
  redriveAttempt: number;
  redriveRequestedAt: Date | null;
  redriveRequestedBy: string | null;
  redriveApiKeyId: string | null;
  redriveOutcome: RedriveOutcome | null;
  redrivenAt: Date | null;
}

/** The ledger key a dead letter was counted under, and its amount: what a re-drive moves. */
export interface RedriveClaim {
  id: string;
  reason: string;
  acquirerId: string;
  businessDate: string;
  shard: number;
  amountMinor: number;
  attempt: number;
}
