import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { CursorParts, decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from './keyset-cursor';

const POSITION = [CursorParts.instant, CursorParts.text()] as const;

function rejection(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe(decodeCursor.name, () => {
  it('should return the encoded values when the cursor was made by encodeCursor', () => {
    const cursor = encodeCursor(['2026-03-01T02:00:00.000Z', 'M-1']);

    expect(decodeCursor(cursor, POSITION)).toEqual(['2026-03-01T02:00:00.000Z', 'M-1']);
    expect(
      decodeCursor(encodeCursor([87, 'M-2']), [CursorParts.integer(0, 100), CursorParts.text()]),
    ).toEqual([87, 'M-2']);
  });

  it('should normalise an instant with an offset to UTC when it decodes', () => {
    expect(decodeCursor(encodeCursor(['2026-03-01T10:00:00+08:00', 'x']), POSITION)[0]).toBe(
      '2026-03-01T02:00:00.000Z',
    );
  });

  it.each([
    ['a year Postgres cannot store', ['+275760-09-13T00:00:00.000Z', 'x']],
    ['year zero', ['0000-01-01T00:00:00Z', 'x']],
    ['an impossible day', ['2026-02-31T00:00:00Z', 'x']],
    ['a bare number as instant', ['2', 'x']],
    ['a NUL in the id', ['2026-01-01T00:00:00Z', 'a\u0000b']],
    ['an empty id', ['2026-01-01T00:00:00Z', '']],
    ['an id over 200 characters', ['2026-01-01T00:00:00Z', 'x'.repeat(201)]],
    ['an extra part', ['2026-01-01T00:00:00Z', 'x', 'y']],
  ])('should answer 400 naming the parameter when the cursor holds %s', (_label, values) => {
    const error = rejection(() => decodeCursor(encodeCursor(values), POSITION, 'after'));

    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [{ field: 'after', messages: ['after is not a cursor returned by this API'] }],
    });
  });

  it('should refuse a cursor longer than the limit before decoding it', () => {
    const long = encodeCursor(['2026-01-01T00:00:00Z', 'x'.repeat(MAX_CURSOR_LENGTH)]);

    expect(
      rejection(() => decodeCursor(long, [CursorParts.instant, CursorParts.text(10_000)])),
    ).toBeInstanceOf(BadRequestException);
  });

  it('should either decode or answer 400 when given any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => Buffer.from(json).toString('base64url')),
        ),
        (raw) => {
          const error = rejection(() => decodeCursor(raw, POSITION));
          return error === undefined || error instanceof BadRequestException;
        },
      ),
    );
  });

  it('should refuse scores outside the range when the part is an integer range', () => {
    const SCORE = [CursorParts.integer(0, 100), CursorParts.text()] as const;

    for (const score of [-1, 101, 12.5, '12', 1e400, null])
      expect(rejection(() => decodeCursor(encodeCursor([score as number, 'M']), SCORE))).toBeInstanceOf(
        BadRequestException,
      );
  });
});
