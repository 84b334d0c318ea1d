import { BadRequestException } from '@nestjs/common';

/** Keyset position in the ranked list: (score, merchantId) of the last item returned. */
export interface RiskCursor {
  score: number;
  merchantId: string;
}

/** Opaque cursor: base64url JSON of {@link RiskCursor}. */
export function encodeCursor(cursor: RiskCursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.merchantId])).toString('base64url');
}

/** Decodes a cursor; 400 when it was not produced by {@link encodeCursor}. */
export function decodeCursor(raw: string): RiskCursor {
  try {
    const [score, merchantId] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (typeof score === 'number' && typeof merchantId === 'string') return { score, merchantId };
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException({
    message: 'Validation failed',
    errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
  });
}
