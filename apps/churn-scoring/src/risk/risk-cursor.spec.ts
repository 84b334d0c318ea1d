import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, encodeCursor as encodeKeyset } from '@merchant-pulse/http';
import { ListRisksQueryDto } from './dto/risk.dto';
import { decodeCursor, encodeCursor, RISK_SORTS, RiskSort } from './risk-cursor';

async function query(value: Record<string, string>): Promise<ListRisksQueryDto> {
  return (await createValidationPipe().transform(value, {
    type: 'query',
    metatype: ListRisksQueryDto,
  })) as ListRisksQueryDto;
}

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse();
    throw error;
  }
  throw new Error('expected a 400');
}

describe('risk list cursor and sort', () => {
  it.each(RISK_SORTS)('should round-trip a cursor made under %s', (sort: RiskSort) => {
    const key = sort.endsWith('merchantId') ? null : sort.endsWith('pDormant30d') ? 0.3417 : 71;
    const cursor = { sort, key, merchantId: 'M-0042' };
    expect(decodeCursor(encodeCursor(cursor), sort)).toEqual(cursor);
  });

  it('should keep an unknown pDormant30d (-1) and a large fee in the cursor', () => {
    expect(
      decodeCursor(encodeCursor({ sort: 'pDormant30d', key: -1, merchantId: 'M' }), 'pDormant30d'),
    ).toEqual({
      sort: 'pDormant30d',
      key: -1,
      merchantId: 'M',
    });
    const fee = { sort: '-fee90d' as const, key: 9_007_199_254_740_991, merchantId: 'M' };
    expect(decodeCursor(encodeCursor(fee), '-fee90d')).toEqual(fee);
  });

  it('should refuse with 400 naming cursor when the cursor was made under another sort', () => {
    const made = encodeCursor({ sort: '-score', key: 71, merchantId: 'M-1' });
    for (const other of RISK_SORTS.filter((s) => s !== '-score'))
      expect(refusal(() => decodeCursor(made, other))).toMatchObject({
        statusCode: 400,
        errors: [{ field: 'cursor' }],
      });
  });

  it('should refuse a cursor of the old (score, merchantId) shape and out-of-range keys', () => {
    expect(refusal(() => decodeCursor(encodeKeyset([71, 'M-1']), '-score'))).toMatchObject({
      statusCode: 400,
    });
    expect(refusal(() => decodeCursor(encodeKeyset(['-score', 101, 'M-1']), '-score'))).toMatchObject({
      statusCode: 400,
    });
    expect(
      refusal(() => decodeCursor(encodeKeyset(['pDormant30d', 1.5, 'M-1']), 'pDormant30d')),
    ).toMatchObject({
      statusCode: 400,
    });
    expect(refusal(() => decodeCursor(encodeKeyset(['merchantId', 3, 'M-1']), 'merchantId'))).toMatchObject({
      statusCode: 400,
    });
  });

  it('should accept every sort and a region in the query, and refuse an unknown sort or an empty region', async () => {
    await expect(query({ sort: '-fee90d', region: 'east' })).resolves.toMatchObject({
      sort: '-fee90d',
      region: 'east',
    });
    await expect(query({})).resolves.not.toHaveProperty('sort');
    await expect(query({ sort: 'risk' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(query({ sort: 'score desc' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(query({ region: '' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(query({ region: 'x'.repeat(101) })).rejects.toBeInstanceOf(BadRequestException);
  });
});
