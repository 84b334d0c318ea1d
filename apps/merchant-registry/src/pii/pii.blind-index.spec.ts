import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalizeForBlindIndex, PiiBlindIndex } from './pii.blind-index';
import { PiiKeyRing } from '@merchant-pulse/secure-storage';

const oldKey = { id: 'k2025', key: randomBytes(32) };
const newKey = { id: 'k2026', key: randomBytes(32) };
const index = new PiiBlindIndex(new PiiKeyRing([oldKey]));

describe(PiiBlindIndex.name, () => {
  it('should equal HMAC-SHA256 under the HKDF-derived per-kind key when computed independently', () => {
    const derived = Buffer.from(
      hkdfSync('sha256', oldKey.key, Buffer.alloc(0), 'pulse-blind-index:phone', 32),
    );
    const expected = createHmac('sha256', derived).update('13812345678').digest('hex');
    expect(index.blindIndex('phone', '13812345678')).toBe(expected);
  });

  it('should be stable across calls and instances when the key is the same', () => {
    const first = index.blindIndex('id_number', '11010519491231002X');
    expect(index.blindIndex('id_number', '11010519491231002X')).toBe(first);
    expect(new PiiBlindIndex(new PiiKeyRing([oldKey])).blindIndex('id_number', '11010519491231002X')).toBe(
      first,
    );
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['phone', '13812345678', ['+86 138 1234 5678', '8613812345678', '138-1234-5678', ' 13812345678 ']],
    ['id_number', '11010519491231002X', ['11010519491231002x', ' 11010519491231002X ']],
    ['email', 'zhang.san@example.com', ['Zhang.San@Example.COM', '  zhang.san@example.com\n']],
    ['card', '6222021234567890128', ['6222 0212 3456 7890 128', '6222-0212-3456-7890-128']],
  ] as const)('should give equal %s indexes when the inputs are equivalent', (kind, canonical, variants) => {
    for (const variant of variants)
      expect(index.blindIndex(kind, variant)).toBe(index.blindIndex(kind, canonical));
  });

  it('should give different indexes when the values differ', () => {
    expect(index.blindIndex('phone', '13812345678')).not.toBe(index.blindIndex('phone', '13812345679'));
  });

  it('should give different indexes for different kinds when the normalised value is the same', () => {
    const value = '13812345678';
    const indexes = (['phone', 'id_number', 'email', 'card'] as const).map((kind) =>
      index.blindIndex(kind, value),
    );
    expect(new Set(indexes).size).toBe(4);
  });

  it('should index under the new primary key and find old rows through candidates when a key is prepended', () => {
    const before = index.blindIndex('phone', '13812345678');
    const rotated = new PiiBlindIndex(new PiiKeyRing([newKey, oldKey]));
    const after = rotated.blindIndex('phone', '13812345678');
    expect(after).not.toBe(before);
    expect(rotated.blindIndexCandidates('phone', '+86 138 1234 5678')).toEqual([after, before]);
  });

  it('should throw RangeError when the phone is not a mainland mobile or a value is empty', () => {
    expect(() => index.blindIndex('phone', '12345')).toThrow(RangeError);
    expect(() => index.blindIndex('email', '   ')).toThrow(RangeError);
    expect(() => index.blindIndex('card', 'abcd')).toThrow(RangeError);
    expect(() => index.blindIndex('nickname' as any, 'x')).toThrow(/Unknown blind index kind/);
  });
});

describe(normalizeForBlindIndex.name, () => {
  it.each([
    ['phone', '+86 138 1234 5678', '13812345678'],
    ['id_number', ' 11010519491231002x', '11010519491231002X'],
    ['email', ' Zhang.San@Example.com ', 'zhang.san@example.com'],
    ['card', '6222 0212 3456 7890 128', '6222021234567890128'],
  ] as const)('should normalise a %s when given %p', (kind, input, expected) => {
    expect(normalizeForBlindIndex(kind, input)).toBe(expected);
  });
});
