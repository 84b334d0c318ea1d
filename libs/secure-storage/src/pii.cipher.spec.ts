import { randomBytes } from 'node:crypto';
import { PiiCipher, PiiTokenError } from './pii.cipher';
import { PiiKeyRing } from './pii.key-ring';

const oldKey = { id: 'k2025', key: randomBytes(32) };
const newKey = { id: 'k2026', key: randomBytes(32) };
const cipher = new PiiCipher(new PiiKeyRing([oldKey]));

/** Re-encodes one base64url part of a token after `edit` changes its bytes. */
function tamper(token: string, part: 2 | 3 | 4, edit: (bytes: Buffer) => void): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  edit(bytes);
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe(PiiCipher.name, () => {
  it.each(['13812345678', '11010519491231002X', '张三 zhang.san@example.com 🙂', '', 'x'.repeat(10_000)])(
    'should round-trip when the plaintext is %p',
    (plaintext) => {
      expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
    },
  );

  it('should produce a v1 token with key id, 12-byte IV and 16-byte tag when encrypting', () => {
    const token = cipher.encrypt('13812345678');
    const [version, keyId, iv, ciphertext, tag] = token.split('.');
    expect(token).toMatch(/^v1\.k2025\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect([version, keyId]).toEqual(['v1', 'k2025']);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(11);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(token).not.toContain('13812345678');
  });

  it('should give different tokens when the same plaintext is encrypted twice', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
  });

  it.each([
    ['IV', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ] as const)('should throw PiiTokenError when a byte of the %s is flipped', (_label, part) => {
    const token = cipher.encrypt('13812345678');
    for (const index of [0, 5, 10]) {
      const altered = tamper(token, part, (bytes) => (bytes[index] ^= 0x01));
      expect(() => cipher.decrypt(altered)).toThrow(PiiTokenError);
    }
  });

  it('should throw PiiTokenError when the key id is changed to another key of the ring', () => {
    const ring = new PiiKeyRing([newKey, oldKey]);
    const token = new PiiCipher(ring).encrypt('13812345678');
    const swapped = token.replace('v1.k2026.', 'v1.k2025.');
    expect(() => new PiiCipher(ring).decrypt(swapped)).toThrow(/failed authentication/);
  });

  it('should throw PiiTokenError when the key id names a key the ring lacks', () => {
    const token = cipher.encrypt('13812345678').replace('v1.k2025.', 'v1.k2024.');
    expect(() => cipher.decrypt(token)).toThrow(/key "k2024", which the key ring lacks/);
  });

  it('should throw PiiTokenError when decrypting with a ring holding a different key under the same id', () => {
    const impostor = new PiiCipher(new PiiKeyRing([{ id: 'k2025', key: randomBytes(32) }]));
    expect(() => impostor.decrypt(cipher.encrypt('13812345678'))).toThrow(PiiTokenError);
  });

  it('should throw PiiTokenError when the token is malformed', () => {
    const [, keyId, iv, ciphertext, tag] = cipher.encrypt('13812345678').split('.');
    const malformed = [
      `v2.${keyId}.${iv}.${ciphertext}.${tag}`,
      `v1.${keyId}.${iv}.${ciphertext}`,
      `v1.${keyId}.${iv}.${ciphertext}.${tag}.extra`,
      `v1.${keyId}.${iv}A.${ciphertext}.${tag}`, // IV of the wrong length
      `v1.${keyId}.${iv}.${ciphertext}.${tag.slice(0, -2)}`, // short tag
      `v1.${keyId}.${iv}.${ciphertext}.${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`,
      `v1.${keyId}.${iv}.${ciphertext}+.${tag}`,
      `v1.${keyId}.${iv}=.${ciphertext}.${tag}`,
      `v1.${keyId}..${ciphertext}.${tag}`,
      '',
      'not a token',
    ];
    for (const token of malformed) expect(() => cipher.decrypt(token)).toThrow(PiiTokenError);
    expect(() => cipher.decrypt(42 as any)).toThrow(PiiTokenError);
  });

  it('should reject a tag whose last character differs only in unused padding bits', () => {
    const token = cipher.encrypt('13812345678');
    const parts = token.split('.');
    const last = parts[4].slice(-1);
    // 16 bytes → 22 chars; the last char carries 2 data bits, so ±1 leaves the bytes unchanged.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    parts[4] = parts[4].slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(parts[4], 'base64url').equals(Buffer.from(token.split('.')[4], 'base64url'))).toBe(
      true,
    );
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(/not canonical/);
  });

  it('should encrypt under the new key and still decrypt old tokens when a key is prepended', () => {
    const oldToken = cipher.encrypt('11010519491231002X');
    const rotated = new PiiCipher(new PiiKeyRing([newKey, oldKey]));
    const newToken = rotated.encrypt('11010519491231002X');
    expect(rotated.decrypt(oldToken)).toBe('11010519491231002X');
    expect(rotated.keyIdOf(newToken)).toBe('k2026');
    expect(rotated.needsReencryption(oldToken)).toBe(true);
    expect(rotated.needsReencryption(newToken)).toBe(false);
    expect(cipher.needsReencryption(oldToken)).toBe(false);
    expect(() => cipher.decrypt(newToken)).toThrow(/lacks/);
  });

  it('should throw when asked about a malformed token for re-encryption', () => {
    expect(() => cipher.needsReencryption('v1.k2025')).toThrow(PiiTokenError);
  });

  it('should throw TypeError when encrypting a non-string', () => {
    expect(() => cipher.encrypt(13812345678 as any)).toThrow(TypeError);
  });
});

describe(`${PiiCipher.name} documents`, () => {
  const bytes = Buffer.from('%PDF-1.4 ID card front 110105199003071234');

  it('should round-trip bytes through an envelope naming its key when the key is in the ring', () => {
    const envelope = cipher.encryptBytes(bytes);
    expect(envelope.includes('110105199003071234')).toBe(false);
    expect(cipher.envelopeKeyIdOf(envelope)).toBe('k2025');
    expect(cipher.isEnvelope(envelope)).toBe(true);
    expect(cipher.isEnvelope(bytes)).toBe(false);
    const rotated = new PiiCipher(new PiiKeyRing([newKey, oldKey]));
    expect(rotated.decryptBytes(envelope).equals(bytes)).toBe(true);
  });

  it('should refuse an altered envelope, a renamed key id and a ring without the key', () => {
    const envelope = cipher.encryptBytes(bytes);
    const flipped = Buffer.from(envelope);
    flipped[flipped.length - 1] ^= 1;
    expect(() => cipher.decryptBytes(flipped)).toThrow(PiiTokenError);
    const renamed = Buffer.from(envelope);
    renamed[5] = 'j'.charCodeAt(0);
    expect(() => cipher.decryptBytes(renamed)).toThrow(PiiTokenError);
    expect(() => new PiiCipher(new PiiKeyRing([newKey])).decryptBytes(envelope)).toThrow(/lacks/);
    expect(() => cipher.decryptBytes(Buffer.from('PMD1'))).toThrow(PiiTokenError);
  });
});
