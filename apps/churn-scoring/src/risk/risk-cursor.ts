import {
  CursorParts,
  decodeCursor as decodeKeyset,
  encodeCursor as encodeKeyset,
} from '@merchant-pulse/http';

/** Keyset position in the ranked list: (score, merchantId) of the last item returned. */
export interface RiskCursor {
  score: number;
  merchantId: string;
}

/** Scores are 0–100 (a `smallint` column): anything else was not made by {@link encodeCursor}. */
const POSITION = [CursorParts.integer(0, 100), CursorParts.text()] as const;

/** Opaque cursor: base64url JSON of {@link RiskCursor}. */
export function encodeCursor(cursor: RiskCursor): string {
  return encodeKeyset([cursor.score, cursor.merchantId]);
}

/** Decodes a cursor; 400 naming `cursor` when it was not produced by {@link encodeCursor}. */
export function decodeCursor(raw: string): RiskCursor {
  const [score, merchantId] = decodeKeyset(raw, POSITION);
  return { score, merchantId };
}
