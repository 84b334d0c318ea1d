import {
  DeadLetterReason,
  IDENTIFIER_PATTERN,
  parseRawTransaction,
  RawTransaction,
} from '@merchant-pulse/contracts';
import type { MessageMeta, ParseResult } from '@merchant-pulse/kafka';
import { utcDate } from '../shared/local-time';
import { IngestItem, UnparsedItem } from './ingest.model';

/** Kafka bytes → a parsed raw transaction or a reason code (never throws). */
export function parseRawTransactionMessage(raw: Buffer | null): ParseResult<RawTransaction> {
  if (raw === null)
    return { ok: false, reason: 'empty_message', detail: 'message value is null (tombstone)' };
  const result = parseRawTransaction(raw);
  return result.ok ? result : { ok: false, reason: result.reason, detail: result.detail };
}

/** The pipeline's view of a consumed, parsed message. */
export function toIngestItem(tx: RawTransaction, meta: MessageMeta): IngestItem {
  const ts = Number(meta.timestamp);
  return {
    tx,
    raw: meta.raw ?? Buffer.alloc(0),
    key: meta.key,
    partition: meta.partition,
    offset: meta.offset,
    producedAtMs: Number.isFinite(ts) && ts > 0 ? ts : null,
    source: meta,
  };
}

/** The days Postgres `date` and `YYYY-MM-DD` both hold: 0001-01-01 … 9999-12-31 (UTC). */
const FIRST_STORABLE_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_STORABLE_MS = Date.parse('9999-12-31T00:00:00.000Z');

/**
 * Who to charge an unparseable message to in the ledger: its acquirer and UTC date of occurredAt when
 * the JSON still says so, else acquirer `unknown` on the date it was received (Clock). Nothing of the
 * message reaches the database unchecked — the acquirer must be a contract identifier (no NUL, no
 * control characters), the date is clamped to what Postgres stores — so counting it cannot fail.
 */
export function unparsedItem(meta: MessageMeta, reason: DeadLetterReason, nowMs: number): UnparsedItem {
  let acquirerId = 'unknown';
  let businessDate = utcDate(nowMs);
  try {
    const value = JSON.parse(meta.raw?.toString('utf8') ?? '') as Record<string, unknown> | null;
    if (typeof value?.acquirerId === 'string' && IDENTIFIER_PATTERN.test(value.acquirerId)) {
      acquirerId = value.acquirerId;
    }
    const at = typeof value?.occurredAt === 'string' ? Date.parse(value.occurredAt) : NaN;
    if (Number.isFinite(at))
      businessDate = utcDate(Math.min(LAST_STORABLE_MS, Math.max(FIRST_STORABLE_MS, at)));
  } catch {
    // not JSON: charged to `unknown`
  }
  return { acquirerId, businessDate, partition: meta.partition, reason };
}
