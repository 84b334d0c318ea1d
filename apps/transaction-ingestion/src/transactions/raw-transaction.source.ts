import {
  DeadLetterReason,
  IDENTIFIER_PATTERN,
  isInstantWithOffset,
  parseRawTransaction,
  RawTransaction,
  readRedriveHeaders,
  RedriveMarker,
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
    ...redriveOf(meta),
  };
}

/** Kafka headers as text (a repeated header joined with commas), for storing with a dead letter. */
export function textHeaders(headers: MessageMeta['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => v.toString()).join(',') : value.toString();
  }
  return out;
}

function redriveOf(meta: MessageMeta): { redrive?: RedriveMarker } {
  const marker = readRedriveHeaders(meta.headers);
  return marker ? { redrive: marker } : {};
}

/**
 * Who to charge an unparseable message to in the ledger: its acquirer and UTC date of occurredAt when
 * the JSON still says so validly (an identifier, an instant in the contract years), else acquirer
 * `unknown` on the date it was received (Clock) — so the ledger write never fails on the content
 * of a hostile message (a NUL acquirerId, a year-0 date).
 */
export function unparsedItem(
  meta: MessageMeta,
  reason: DeadLetterReason,
  nowMs: number,
  detail = '',
): UnparsedItem {
  let acquirerId = 'unknown';
  let businessDate = utcDate(nowMs);
  try {
    const value = JSON.parse(meta.raw?.toString('utf8') ?? '') as Record<string, unknown>;
    if (typeof value.acquirerId === 'string' && IDENTIFIER_PATTERN.test(value.acquirerId)) {
      acquirerId = value.acquirerId;
    }
    if (typeof value.occurredAt === 'string' && isInstantWithOffset(value.occurredAt)) {
      businessDate = utcDate(Date.parse(value.occurredAt));
    }
  } catch {
    // not JSON (or not an object): charged to `unknown`
  }
  return {
    acquirerId,
    businessDate,
    partition: meta.partition,
    reason,
    message: {
      offset: meta.offset,
      key: meta.key,
      raw: meta.raw ?? Buffer.alloc(0),
      headers: textHeaders(meta.headers),
      detail,
    },
    ...redriveOf(meta),
  };
}
