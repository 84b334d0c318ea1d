import { BusinessRuleError } from './domain.errors';

/** A keyset position: the sort instant and the tie-breaking id of the last item of a page. */
export interface CursorPosition {
  at: string;
  id: string;
}

/** Opaque cursor (base64url JSON) for keyset pagination ordered by (instant DESC, id DESC). */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}.
 * @throws BusinessRuleError (400) when the cursor was not made by this service.
 */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // fall through: reported below
  }
  throw new BusinessRuleError('invalid_cursor', 'cursor is not a cursor returned by this API', 400);
}

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}
