import { isDateOrInstant, isKnownTimeZone } from './contract-validators';
import { exceedsJsonDepth } from './json-limits';
import { hasContractYear, isStorableText, toStorableText } from './storable-values';

describe(isKnownTimeZone.name, () => {
  it('should give the same verdict when asked again (the verdicts are cached)', () => {
    for (let round = 0; round < 2; round++) {
      expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
      expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isKnownTimeZone(8)).toBe(false);
      expect(isKnownTimeZone('A'.repeat(65))).toBe(false);
    }
  });
});

describe(isDateOrInstant.name, () => {
  it.each(['2026-03-01', '1900-01-01', '9998-12-31', '2026-03-01T08:00:00Z', '2024-02-29T23:59:59.5+08:00'])(
    'should accept %s',
    (value) => expect(isDateOrInstant(value)).toBe(true),
  );

  it.each([
    '0000-01-01',
    '1899-12-31',
    '9999-01-01',
    '2026-02-30',
    '2026-W10',
    '2026',
    '2026-03-01T08:00',
    7,
  ])('should reject %s (Postgres cannot parse it, or outside the contract years)', (value) =>
    expect(isDateOrInstant(value)).toBe(false),
  );
});

describe(isStorableText.name, () => {
  it('should accept any well-formed text and reject NULs and lone surrogates', () => {
    expect(isStorableText('老街小笼包 🥟 \t\n')).toBe(true);
    expect(['a\u0000', '\ud800', 'x\udc00y', '\udc00\ud800'].map(isStorableText)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('should replace each NUL and lone surrogate and keep surrogate pairs', () => {
    expect(toStorableText('a\u0000b\ud800c🥟')).toBe('a\uFFFDb\uFFFDc🥟');
  });
});

describe(hasContractYear.name, () => {
  it('should read the four-digit year as written', () => {
    expect(['1900-01-01', '9998-12-31T00:00:00Z'].map(hasContractYear)).toEqual([true, true]);
    expect(['1899-12-31', '9999-01-01', '+275760-09-13', 20260101].map(hasContractYear)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe(exceedsJsonDepth.name, () => {
  it('should count a scalar as depth 0 and each object or array as one level', () => {
    expect(exceedsJsonDepth('x', 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({ a: [1] }, 2)).toBe(false);
    expect(exceedsJsonDepth({ a: [[1]] }, 2)).toBe(true);
  });

  it('should answer without overflowing the stack when the value nests 100,000 levels', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);

    expect(exceedsJsonDepth(deep)).toBe(true);
  });
});
