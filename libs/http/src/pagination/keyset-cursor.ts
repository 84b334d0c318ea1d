import { BadRequestException } from '@nestjs/common';
import type { ValidationErrorBody } from '../validation/validation.pipe';

/**
 * Longest cursor accepted, in characters. Cursors this API makes are well under 200; anything longer
 * was not made here and is refused before it is decoded.
 */
export const MAX_CURSOR_LENGTH = 512;

/** Reads one part of a decoded cursor: the value, or `undefined` when it is not a valid part. */
export type CursorPart<T> = (value: unknown) => T | undefined;

type PartValues<P extends readonly CursorPart<unknown>[]> = {
  [K in keyof P]: P[K] extends CursorPart<infer T> ? T : never;
};

// Four-digit years only (0001–9999): what both JavaScript and Postgres `timestamptz` can hold.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// Control characters: Postgres text refuses NUL, and no key of ours holds any.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The parts a keyset cursor may hold; each refuses what Postgres could not compare. */
export const CursorParts = {
  /** An ISO-8601 instant with a four-digit year, returned normalised (`toISOString`). */
  instant: ((value) => {
    if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !isCalendarDate(value)) return undefined;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }) as CursorPart<string>,
  /** A non-empty id of at most `maxLength` characters without control characters. */
  text: (maxLength = 200): CursorPart<string> => {
    return (value) =>
      typeof value === 'string' && value.length > 0 && value.length <= maxLength && !CONTROL.test(value)
        ? value
        : undefined;
  },
  /** An integer in [min, max] (e.g. a `smallint` column's range, or tighter). */
  integer: (min: number, max: number): CursorPart<number> => {
    return (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? value
        : undefined;
  },
};

/** Opaque cursor: base64url of the JSON array of a keyset position's values (last item of a page). */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} into its parts, each checked by its reader, so that
 * no tampered value reaches a query. Never throws anything but the 400.
 * @throws BadRequestException 400 {@link ValidationErrorBody} naming `parameter` (default `cursor`).
 */
export function decodeCursor<P extends readonly CursorPart<unknown>[]>(
  raw: string,
  parts: P,
  parameter = 'cursor',
): PartValues<P> {
  const values = raw.length <= MAX_CURSOR_LENGTH ? parseArray(raw) : undefined;
  if (values === undefined || values.length !== parts.length) throw invalidCursor(parameter);
  const decoded = parts.map((read, i) => read(values[i]));
  if (decoded.some((value) => value === undefined)) throw invalidCursor(parameter);
  return decoded as PartValues<P>;
}

/** The date and time fields exist (no 31 February, no hour 24): JavaScript would roll them over. */
function isCalendarDate(iso: string): boolean {
  const [year, month, day, hour, minute, second] = iso.split(/[-T:.Z+]/).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

function parseArray(raw: string): unknown[] | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function invalidCursor(parameter: string): BadRequestException {
  const body: ValidationErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ field: parameter, messages: [`${parameter} is not a cursor returned by this API`] }],
  };
  return new BadRequestException(body);
}
