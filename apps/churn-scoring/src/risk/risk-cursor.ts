import {
  CursorPart,
  CursorParts,
  decodeCursor as decodeKeyset,
  encodeCursor as encodeKeyset,
} from '@merchant-pulse/http';

/**
 * Orders of the ranked list: a key, `-` first for descending. Ties are broken by merchant id in the
 * opposite direction (ascending under a descending key), so that each order is one index read forwards
 * or backwards.
 */
export const RISK_SORTS = [
  '-score',
  'score',
  '-pDormant30d',
  'pDormant30d',
  '-fee90d',
  'fee90d',
  'merchantId',
  '-merchantId',
] as const;
/** One order of the ranked list. */
export type RiskSort = (typeof RISK_SORTS)[number];
/** Highest risk first. */
export const DEFAULT_RISK_SORT: RiskSort = '-score';

/** The sort key without its direction. */
export type RiskSortKey = 'score' | 'pDormant30d' | 'fee90d' | 'merchantId';

/** Key and direction of a sort. */
export function parseSort(sort: RiskSort): { key: RiskSortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as RiskSortKey, descending };
}

/**
 * Keyset position in the ranked list under one sort: the sort it was made for, the last item's sort
 * key (null for the merchant-id sort, whose key is the merchant id) and its merchant id.
 */
export interface RiskCursor {
  sort: RiskSort;
  key: number | null;
  merchantId: string;
}

const number = (min: number, max: number): CursorPart<number> => {
  return (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
};

/** What each key may hold: scores 0–100 (smallint), pDormant30d 0–1 or -1 for unknown, fee in fen. */
const KEY_PART: Record<Exclude<RiskSortKey, 'merchantId'>, CursorPart<number>> = {
  score: CursorParts.integer(0, 100),
  pDormant30d: number(-1, 1),
  fee90d: CursorParts.integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
};

/** Opaque cursor: base64url JSON of [sort, key?, merchantId]. */
export function encodeCursor(cursor: RiskCursor): string {
  return encodeKeyset(
    cursor.key === null ? [cursor.sort, cursor.merchantId] : [cursor.sort, cursor.key, cursor.merchantId],
  );
}

/**
 * Decodes a cursor for the list under `sort`; 400 naming `cursor` when it was not produced by
 * {@link encodeCursor} for that same sort (a cursor of another order would skip or repeat rows).
 */
export function decodeCursor(raw: string, sort: RiskSort): RiskCursor {
  const sortPart: CursorPart<RiskSort> = (value) => (value === sort ? sort : undefined);
  const { key } = parseSort(sort);
  if (key === 'merchantId') {
    const [, merchantId] = decodeKeyset(raw, [sortPart, CursorParts.text()] as const);
    return { sort, key: null, merchantId };
  }
  const [, value, merchantId] = decodeKeyset(raw, [sortPart, KEY_PART[key], CursorParts.text()] as const);
  return { sort, key: value, merchantId };
}
