import type { ValueTransformer } from 'typeorm';
import { PiiCipher } from '@merchant-pulse/secure-storage';

/**
 * A TypeORM column transformer storing a string column as a {@link PiiCipher} token:
 * `@Column({ type: 'text', transformer: encryptedColumn(cipher) })`. null and undefined pass through.
 *
 * Tokens are randomised, so never filter on an encrypted column (a `where` on it is encrypted afresh
 * and matches nothing): filter on its blind-index column instead.
 */
export function encryptedColumn(cipher: PiiCipher): ValueTransformer {
  return {
    to(value: unknown): string | null | undefined {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string') {
        throw new TypeError(
          'An encrypted column holds strings only (and is not queryable: use its blind index)',
        );
      }
      return cipher.encrypt(value);
    },
    from(value: unknown): string | null | undefined {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string') throw new TypeError('An encrypted column must be read as text');
      return cipher.decrypt(value);
    },
  };
}
