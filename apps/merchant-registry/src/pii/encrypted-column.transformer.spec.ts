import { randomBytes } from 'node:crypto';
import { encryptedColumn } from './encrypted-column.transformer';
import { PiiCipher, PiiKeyRing } from '@merchant-pulse/secure-storage';

const cipher = new PiiCipher(new PiiKeyRing([{ id: 'k1', key: randomBytes(32) }]));
const transformer = encryptedColumn(cipher);

describe(encryptedColumn.name, () => {
  it('should store a token and read the plaintext back when the value is a string', () => {
    const stored = transformer.to('13812345678');
    expect(stored).toMatch(/^v1\.k1\./);
    expect(transformer.from(stored)).toBe('13812345678');
  });

  it('should pass null and undefined through when writing and reading', () => {
    expect(transformer.to(null)).toBeNull();
    expect(transformer.to(undefined)).toBeUndefined();
    expect(transformer.from(null)).toBeNull();
    expect(transformer.from(undefined)).toBeUndefined();
  });

  it('should throw TypeError when a non-string is written or read', () => {
    expect(() => transformer.to(42)).toThrow(/blind index/);
    expect(() => transformer.from(Buffer.from('x'))).toThrow(TypeError);
  });

  it('should surface tampering when the stored token was altered', () => {
    const stored = transformer.to('13812345678') as string;
    expect(() => transformer.from(stored.replace('v1.k1.', 'v1.k2.'))).toThrow(/lacks/);
  });
});
