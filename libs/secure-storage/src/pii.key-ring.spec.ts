import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  DEVELOPMENT_PII_KEY_ID,
  developmentKeyRing,
  parsePiiKeyRing,
  PiiKeyRing,
  PiiKeyRingError,
  piiKeyRingFromEnv,
} from './pii.key-ring';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

describe(parsePiiKeyRing.name, () => {
  it('should make the first key primary and keep every id when given a valid ring', () => {
    const ring = parsePiiKeyRing(
      JSON.stringify([
        { id: 'k2026b', key: keyB },
        { id: 'k2026a', key: keyA },
      ]),
    );
    expect(ring.primaryId).toBe('k2026b');
    expect(ring.ids).toEqual(['k2026b', 'k2026a']);
    expect(ring.keyFor('k2026a')!.export().toString('base64')).toBe(keyA);
    expect(ring.keyFor('missing')).toBeUndefined();
    expect(ring.isDevelopment).toBe(false);
  });

  it('should accept a key without base64 padding', () => {
    const ring = parsePiiKeyRing(JSON.stringify([{ id: 'k1', key: keyA.replace(/=+$/, '') }]));
    expect(ring.primaryKey.export().toString('base64')).toBe(keyA);
  });

  it.each([
    ['bad JSON', `[{"id":"k1","key":"${keyA}"`, /not valid JSON/],
    ['an object', JSON.stringify({ id: 'k1', key: keyA }), /non-empty JSON array/],
    ['an empty array', '[]', /non-empty JSON array/],
    ['a string entry', JSON.stringify([keyA]), /\[0\] must be an object/],
    [
      'an unexpected field',
      JSON.stringify([{ id: 'k1', key: keyA, kid: 'x' }]),
      /\[0\] has unexpected field\(s\) kid/,
    ],
    ['a missing id', JSON.stringify([{ key: keyA }]), /\[0\]: id must be a string/],
    ['an id with a dot', JSON.stringify([{ id: 'k.1', key: keyA }]), /\[0\]: id must be 1–64/],
    ['an empty id', JSON.stringify([{ id: '', key: keyA }]), /\[0\]: id must be 1–64/],
    [
      'a non-base64 key',
      JSON.stringify([{ id: 'k1', key: 'not base64!' }]),
      /\[0\] \("k1"\): key must be a base64 string/,
    ],
    [
      'a 16-byte key',
      JSON.stringify([{ id: 'k1', key: randomBytes(16).toString('base64') }]),
      /\[0\] \("k1"\): key must be base64 of 32 bytes, got 16/,
    ],
    ['a 33-byte key', JSON.stringify([{ id: 'k1', key: randomBytes(33).toString('base64') }]), /got 33/],
    [
      'duplicate ids',
      JSON.stringify([
        { id: 'k1', key: keyA },
        { id: 'k1', key: keyB },
      ]),
      /\[1\]: duplicate key id "k1"/,
    ],
  ])('should throw PiiKeyRingError naming the problem when given %s', (_label, json, message) => {
    expect(() => parsePiiKeyRing(json)).toThrow(PiiKeyRingError);
    expect(() => parsePiiKeyRing(json)).toThrow(message);
  });

  it('should never echo key material when the JSON is bad', () => {
    let message = '';
    try {
      parsePiiKeyRing(`[{"id":"k1","key":"${keyA}"},`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PII_ENCRYPTION_KEYS/);
    expect(message).not.toContain(keyA.slice(0, 10));
  });
});

describe(PiiKeyRing.name, () => {
  it('should show ids but no key material when serialised or inspected', () => {
    const ring = parsePiiKeyRing(JSON.stringify([{ id: 'k1', key: keyA }]));
    const shown = JSON.stringify({ ring }) + inspect(ring) + inspect({ ring }, { depth: 5 });
    expect(shown).toContain('k1');
    expect(shown).not.toContain(keyA.slice(0, 10));
    expect(shown).not.toContain(Buffer.from(keyA, 'base64').toString('hex').slice(0, 10));
  });

  it('should copy the key bytes when constructed so later mutation of the buffer has no effect', () => {
    const bytes = randomBytes(32);
    const original = Buffer.from(bytes);
    const ring = new PiiKeyRing([{ id: 'k1', key: bytes }]);
    bytes.fill(0);
    expect(ring.primaryKey.export().equals(original)).toBe(true);
  });

  it('should throw PiiKeyRingError when constructed with no keys', () => {
    expect(() => new PiiKeyRing([])).toThrow(PiiKeyRingError);
  });
});

describe(developmentKeyRing.name, () => {
  it('should return the same clearly-labelled key every time', () => {
    const first = developmentKeyRing();
    expect(first.primaryId).toBe(DEVELOPMENT_PII_KEY_ID);
    expect(first.isDevelopment).toBe(true);
    expect(first.primaryKey.export().equals(developmentKeyRing().primaryKey.export())).toBe(true);
    expect(first.primaryKey.export()).toHaveLength(32);
  });
});

describe(piiKeyRingFromEnv.name, () => {
  const json = JSON.stringify([{ id: 'k1', key: keyA }]);

  it('should parse the variable when it is set, in any environment', () => {
    expect(piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: json, NODE_ENV: 'production' }).primaryId).toBe('k1');
    expect(piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: json }).primaryId).toBe('k1');
  });

  it('should use the development ring when the variable is unset or blank outside production', () => {
    expect(piiKeyRingFromEnv({}).isDevelopment).toBe(true);
    expect(piiKeyRingFromEnv({ NODE_ENV: 'test', PII_ENCRYPTION_KEYS: '  ' }).isDevelopment).toBe(true);
  });

  it('should refuse when the variable is unset in production', () => {
    expect(() => piiKeyRingFromEnv({ NODE_ENV: 'production' })).toThrow(/required when NODE_ENV=production/);
  });

  it('should refuse the public development key in production when it is set explicitly', () => {
    const devKey = developmentKeyRing().primaryKey.export().toString('base64');
    const ring = JSON.stringify([
      { id: 'k1', key: keyA },
      { id: 'copied', key: devKey },
    ]);

    expect(() => piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: ring, NODE_ENV: 'production' })).toThrow(
      /\("copied"\) is the public development key/,
    );
    expect(piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: ring, NODE_ENV: 'development' }).ids).toEqual([
      'k1',
      'copied',
    ]);
  });

  it('should refuse rather than fall back when the variable is set but invalid', () => {
    expect(() => piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: '[]' })).toThrow(PiiKeyRingError);
  });
});
