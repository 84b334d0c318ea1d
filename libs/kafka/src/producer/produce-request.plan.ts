import type { OutgoingRecord } from './event.producer';

/** Per-record overhead of Kafka's record format (length, attributes, deltas, varints), rounded up. */
const RECORD_OVERHEAD = 24;
/** Per-header overhead (two length varints), rounded up. */
const HEADER_OVERHEAD = 10;
/** The record batch header. */
export const BATCH_OVERHEAD = 61;

/**
 * Bytes a record takes in an uncompressed record batch — key + value + header names and values +
 * framing — as an over-estimate, so requests planned with it never exceed the broker's limit.
 */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = RECORD_OVERHEAD + byteLength(record.key) + byteLength(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) bytes += HEADER_OVERHEAD + Buffer.byteLength(name) + byteLength(v);
  }
  return bytes + BATCH_OVERHEAD;
}

/**
 * Splits records, in order, into consecutive requests of at most `maxBytes` each (a record larger
 * than the bound travels alone; callers refuse those first). Bounding the whole request bounds every
 * partition's batch inside it.
 */
export function planProduceRequests(records: OutgoingRecord[], maxBytes: number): OutgoingRecord[][] {
  return splitByBytes(records, recordBytes, maxBytes);
}

/** {@link planProduceRequests} for anything that carries a record (`bytesOf` includes the batch header). */
export function splitByBytes<T>(items: readonly T[], bytesOf: (item: T) => number, maxBytes: number): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let bytes = BATCH_OVERHEAD;
  for (const item of items) {
    const size = bytesOf(item) - BATCH_OVERHEAD;
    if (current.length > 0 && bytes + size > maxBytes) {
      requests.push(current);
      current = [];
      bytes = BATCH_OVERHEAD;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
