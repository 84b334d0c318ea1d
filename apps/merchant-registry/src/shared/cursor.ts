import {
  CursorParts,
  decodeCursor as decodeKeyset,
  encodeCursor as encodeKeyset,
} from '@merchant-pulse/http';

/** A keyset position: the sort instant and the tie-breaking id of the last item of a page. */
export interface CursorPosition {
  at: string;
  id: string;
}

const POSITION = [CursorParts.instant, CursorParts.text()] as const;

/** Opaque cursor (base64url JSON) for keyset pagination ordered by (instant DESC, id DESC). */
export function encodeCursor(position: CursorPosition): string {
  return encodeKeyset([position.at, position.id]);
}

/**
 * Decodes a cursor made by {@link encodeCursor}.
 * @throws BadRequestException (400 naming `cursor`) when the cursor was not made by this service.
 */
export function decodeCursor(cursor: string): CursorPosition {
  const [at, id] = decodeKeyset(cursor, POSITION);
  return { at, id };
}

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}
