import { IsIn, IsISO8601, IsOptional, Matches, ValidateIf } from 'class-validator';
import {
  CHANNELS,
  DEFAULT_CURRENCY,
  ENTRY_MODES,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
} from './vocabulary';
import type { Channel, EntryMode, TransactionStatus, TransactionType } from './vocabulary';
import {
  IDENTIFIER_PATTERN,
  INSTANT_WITH_OFFSET_PATTERN,
  IsContractYear,
  IsIdentifier,
  IsSafeInteger,
  isInstantWithOffset,
} from './validation/contract-validators';
import { MAX_RAW_TRANSACTION_BYTES } from './validation/json-limits';
import { toDetail } from './validation/validate-contract';

/** ISO 4217 alphabetic currency code. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Acquirer response code (ISO 8583 style, e.g. `00`, `05`, `55`). */
export const RESPONSE_CODE_PATTERN = /^[A-Za-z0-9]{1,8}$/;

/**
 * A raw acquirer transaction as published to `acquirer.transactions.v1` — NOT wrapped in the event
 * envelope: acquirer systems (and the ingestion REST gateway) publish it as is, keyed by merchantId.
 * Identity for dedupe is `(acquirerId, transactionId)`: the same transaction twice is one.
 * This class documents the contract (AsyncAPI, OpenAPI); the hot path uses
 * {@link parseRawTransaction}, which applies exactly the same rules without class-validator.
 */
export class RawTransactionV1 {
  /** Acquirer system that sent it; with transactionId, the dedupe identity. */
  @IsIdentifier()
  acquirerId: string;

  /** The acquirer's id for the transaction, unique per acquirer. */
  @IsIdentifier()
  transactionId: string;

  /** Merchant id, as registered in merchant-registry. */
  @IsIdentifier()
  merchantId: string;

  /** Terminal id that captured the transaction. */
  @IsIdentifier()
  terminalId: string;

  /**
   * When it happened: ISO-8601 instant with `Z` or an offset, e.g. `2026-03-01T14:05:09+08:00`,
   * in the years 1900–9998.
   */
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT_WITH_OFFSET_PATTERN)
  @IsContractYear()
  occurredAt: string;

  /** Amount in integer minor units (fen), a positive magnitude; purchases ≤ 0 are dead-lettered by ingestion. */
  @IsSafeInteger()
  amountMinor: number;

  /** ISO 4217 code; absent means CNY. Must match the merchant's currency. */
  @IsOptional()
  @Matches(CURRENCY_PATTERN)
  currency?: string;

  /** credit | debit | qr_alipay | qr_wechat | unionpay_qr. */
  @IsIn(CHANNELS)
  channel: Channel;

  /** purchase | refund | reversal. */
  @IsIn(TRANSACTION_TYPES)
  type: TransactionType;

  /** The purchase a refund or reversal refers to (same acquirer); required for those types. */
  @ValidateIf((tx: RawTransactionV1) => tx.type !== 'purchase' || tx.originalTransactionId != null)
  @IsIdentifier()
  originalTransactionId?: string;

  /** approved | declined. */
  @IsIn(TRANSACTION_STATUSES)
  status: TransactionStatus;

  /** Acquirer response code, e.g. `00` approved, `05` do not honour. */
  @IsOptional()
  @Matches(RESPONSE_CODE_PATTERN)
  responseCode?: string;

  /** chip | swipe | contactless | manual | qr. */
  @IsOptional()
  @IsIn(ENTRY_MODES)
  entryMode?: EntryMode;
}

/** A raw transaction that passed {@link parseRawTransaction}; `currency` is always filled in. */
export type RawTransaction = RawTransactionV1 & { currency: string };

/** Why {@link parseRawTransaction} rejected a message (dead-letter reason codes). */
export type RawTransactionRejectionReason =
  'empty_message' | 'too_large' | 'malformed_json' | 'schema_violation';

/** Result of {@link parseRawTransaction}. */
export type ParseRawTransactionResult =
  { ok: true; value: RawTransaction } | { ok: false; reason: RawTransactionRejectionReason; detail: string };

const ALLOWED_FIELDS = new Set([
  'acquirerId',
  'transactionId',
  'merchantId',
  'terminalId',
  'occurredAt',
  'amountMinor',
  'currency',
  'channel',
  'type',
  'originalTransactionId',
  'status',
  'responseCode',
  'entryMode',
]);
const ID_FIELDS = ['acquirerId', 'transactionId', 'merchantId', 'terminalId'] as const;
const CHANNEL_SET = new Set<unknown>(CHANNELS);
const TYPE_SET = new Set<unknown>(TRANSACTION_TYPES);
const STATUS_SET = new Set<unknown>(TRANSACTION_STATUSES);
const ENTRY_MODE_SET = new Set<unknown>(ENTRY_MODES);

const isId = (value: unknown): value is string => typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
const isAbsent = (value: unknown): value is null | undefined => value === undefined || value === null;

/** Field-by-field checks; returns `field: problem` strings, empty when the object is valid. */
function rawTransactionProblems(tx: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key in tx) if (!ALLOWED_FIELDS.has(key)) problems.push(`${key}: unknown field`);
  for (const field of ID_FIELDS)
    if (!isId(tx[field])) problems.push(`${field}: must be an id of 1-64 printable characters`);
  if (typeof tx.occurredAt !== 'string' || !isInstantWithOffset(tx.occurredAt)) {
    problems.push('occurredAt: must be an ISO-8601 instant with Z or an offset, in the years 1900-9998');
  }
  if (!Number.isSafeInteger(tx.amountMinor)) problems.push('amountMinor: must be a safe integer (fen)');
  if (!isAbsent(tx.currency) && !(typeof tx.currency === 'string' && CURRENCY_PATTERN.test(tx.currency))) {
    problems.push('currency: must be 3 uppercase letters (ISO 4217)');
  }
  if (!CHANNEL_SET.has(tx.channel)) problems.push(`channel: must be one of ${CHANNELS.join(', ')}`);
  if (!TYPE_SET.has(tx.type)) problems.push(`type: must be one of ${TRANSACTION_TYPES.join(', ')}`);
  if (!STATUS_SET.has(tx.status)) problems.push(`status: must be one of ${TRANSACTION_STATUSES.join(', ')}`);
  const needsOriginal = tx.type !== 'purchase' || !isAbsent(tx.originalTransactionId);
  if (needsOriginal && !isId(tx.originalTransactionId)) {
    problems.push('originalTransactionId: required id for refund and reversal');
  }
  if (
    !isAbsent(tx.responseCode) &&
    !(typeof tx.responseCode === 'string' && RESPONSE_CODE_PATTERN.test(tx.responseCode))
  ) {
    problems.push('responseCode: must be 1-8 letters or digits');
  }
  if (!isAbsent(tx.entryMode) && !ENTRY_MODE_SET.has(tx.entryMode)) {
    problems.push(`entryMode: must be one of ${ENTRY_MODES.join(', ')}`);
  }
  return problems;
}

/** Copies the known fields in canonical order, fills the default currency and drops null optionals. */
function normalise(tx: Record<string, unknown>): RawTransaction {
  const value = {
    acquirerId: tx.acquirerId,
    transactionId: tx.transactionId,
    merchantId: tx.merchantId,
    terminalId: tx.terminalId,
    occurredAt: tx.occurredAt,
    amountMinor: tx.amountMinor,
    currency: isAbsent(tx.currency) ? DEFAULT_CURRENCY : tx.currency,
    channel: tx.channel,
    type: tx.type,
    status: tx.status,
  } as RawTransaction;
  if (!isAbsent(tx.originalTransactionId)) value.originalTransactionId = tx.originalTransactionId as string;
  if (!isAbsent(tx.responseCode)) value.responseCode = tx.responseCode as string;
  if (!isAbsent(tx.entryMode)) value.entryMode = tx.entryMode as EntryMode;
  return value;
}

/**
 * Hot-path validator of `acquirer.transactions.v1` messages (50,000/s): plain checks, no
 * class-transformer/class-validator, so nesting depth cannot hurt it (JSON.parse is iterative and
 * no check recurses). Unknown fields are rejected. Stateful business rules (unknown merchant,
 * amount, future date, currency) are NOT checked here — see {@link checkRawTransactionRules}.
 * Total: never throws; every string it accepts is storable (identifiers are printable ASCII).
 */
export function parseRawTransaction(raw: Buffer | string): ParseRawTransactionResult {
  if (raw === null || raw === undefined || raw.length === 0) {
    return { ok: false, reason: 'empty_message', detail: 'message value is empty' };
  }
  if (raw.length > MAX_RAW_TRANSACTION_BYTES) {
    const detail = `message of ${raw.length} bytes is over the ${MAX_RAW_TRANSACTION_BYTES}-byte limit`;
    return { ok: false, reason: 'too_large', detail };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      reason: 'malformed_json',
      detail: toDetail(`not valid JSON: ${(error as Error).message}`),
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'schema_violation', detail: 'the message must be a JSON object' };
  }
  const tx = parsed as Record<string, unknown>;
  const problems = rawTransactionProblems(tx);
  if (problems.length > 0)
    return { ok: false, reason: 'schema_violation', detail: toDetail(problems.join('; ')) };
  return { ok: true, value: normalise(tx) };
}

/** Context of {@link checkRawTransactionRules}. */
export interface RawTransactionRuleContext {
  /** Current instant (from the Clock). */
  now: Date | number;
  /** How far in the future `occurredAt` may be (terminal clock skew), in ms. */
  futureToleranceMs: number;
  /** The merchant's currency. */
  expectedCurrency: string;
}

/** Business-rule reason codes of {@link checkRawTransactionRules}. */
export type RawTransactionRuleViolation =
  'non_positive_amount' | 'amount_out_of_range' | 'future_dated' | 'currency_mismatch';

/**
 * The largest amount one transaction may carry: 10^10 fen (100 million CNY), far above any card or QR
 * payment, and low enough that a merchant-day's totals stay exact integers below 2^53 for any
 * realistic volume (ingestion's database refuses a day whose totals would pass 2^53).
 */
export const MAX_TRANSACTION_AMOUNT_MINOR = 10_000_000_000;

/**
 * Stateless business rules of ingestion, checked in this order; returns the first violated rule's
 * dead-letter reason, or null. A purchase or refund must be positive; no amount may pass
 * {@link MAX_TRANSACTION_AMOUNT_MINOR}; nothing may be dated beyond now + tolerance; the currency
 * must be the merchant's. (Unknown merchant and originals need state: ingestion.)
 */
export function checkRawTransactionRules(
  tx: Pick<RawTransactionV1, 'type' | 'amountMinor' | 'occurredAt' | 'currency'>,
  context: RawTransactionRuleContext,
): RawTransactionRuleViolation | null {
  if (tx.type !== 'reversal' && tx.amountMinor <= 0) return 'non_positive_amount';
  if (Math.abs(tx.amountMinor) > MAX_TRANSACTION_AMOUNT_MINOR) return 'amount_out_of_range';
  const now = typeof context.now === 'number' ? context.now : context.now.getTime();
  if (Date.parse(tx.occurredAt) > now + context.futureToleranceMs) return 'future_dated';
  if ((tx.currency ?? DEFAULT_CURRENCY) !== context.expectedCurrency) return 'currency_mismatch';
  return null;
}
