import type { Response } from 'supertest';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Cursors an attacker (or a truncating proxy) might send instead of a `nextCursor`: every list that
 * takes a keyset cursor must answer each with 400 naming the `cursor` parameter, never 500.
 * Covers garbage base64, valid base64 of garbage JSON, JSON of the wrong shape or types, values
 * that pass a naive check but that Postgres refuses (year 275760, NUL bytes, out-of-range numbers),
 * and a huge cursor.
 */
export const TAMPERED_CURSORS: ReadonlyArray<{ label: string; cursor: string }> = [
  { label: 'garbage base64', cursor: '%%%not-base64%%%' },
  { label: 'base64 of garbage JSON', cursor: b64('{"at": 2026-01-01,') },
  { label: 'base64 of plain text', cursor: b64('hello') },
  { label: 'JSON null', cursor: b64('null') },
  { label: 'JSON object', cursor: b64('{"at":"2026-01-01T00:00:00.000Z","id":"x"}') },
  { label: 'JSON string spread into parts', cursor: b64('"20"') },
  { label: 'empty array', cursor: b64('[]') },
  { label: 'one part', cursor: b64('["2026-01-01T00:00:00.000Z"]') },
  { label: 'three parts', cursor: b64('["2026-01-01T00:00:00.000Z","x","y"]') },
  { label: 'numbers where strings belong', cursor: b64('[1,2]') },
  { label: 'strings where numbers belong', cursor: b64('["1","2"]') },
  { label: 'nested arrays', cursor: b64('[["x"],["y"]]') },
  { label: 'not a date', cursor: b64('["yesterday","x"]') },
  { label: 'a date Postgres cannot store', cursor: b64('["+275760-09-13T00:00:00.000Z","x"]') },
  { label: 'a date-ish number string', cursor: b64('["2","x"]') },
  { label: 'a NUL byte in the id', cursor: b64('["2026-01-01T00:00:00.000Z","a\\u0000b"]') },
  { label: 'a fractional score', cursor: b64('[12.5,"M-1"]') },
  { label: 'an overflowing score', cursor: b64('[1e400,"M-1"]') },
  { label: 'a score beyond smallint', cursor: b64('[99999,"M-1"]') },
  { label: 'a negative score', cursor: b64('[-1,"M-1"]') },
  {
    label: 'huge cursor (8 kB)',
    cursor: b64(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'.repeat(6_000)])),
  },
];

/**
 * Sends every {@link TAMPERED_CURSORS} case and returns one line per case that was not answered 400
 * naming the `cursor` parameter (so `expect(...).toEqual([])` shows every miss at once).
 */
export async function tamperedCursorMisses(send: (cursor: string) => Promise<Response>): Promise<string[]> {
  const misses: string[] = [];
  for (const { label, cursor } of TAMPERED_CURSORS) {
    const response = await send(cursor);
    const errors = (response.body as { errors?: Array<{ field?: string }> }).errors ?? [];
    if (response.status !== 400 || !errors.some((error) => error.field === 'cursor'))
      misses.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
  }
  return misses;
}
