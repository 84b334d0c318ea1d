import { BlindIndexKind, PiiBlindIndex } from './pii.blind-index';
import { PiiCipher } from '@merchant-pulse/secure-storage';
import { maskCard, maskEmail, maskIdNumber, maskPhone } from './pii.masking';

/** A PII value as stored: encrypted token, blind index (when the kind is searchable) and display mask. */
export interface SealedPii {
  enc: string;
  index: string | null;
  masked: string;
}

const MASKS: Record<BlindIndexKind, (value: string) => string> = {
  phone: maskPhone,
  id_number: maskIdNumber,
  email: maskEmail,
  card: maskCard,
};

/**
 * Seals plaintext PII for storage in one step, so no write path forgets the index or the mask:
 * phones, ID numbers and emails are indexed for lookups; cards are not searchable (no index).
 */
export class PiiSealer {
  constructor(
    private readonly cipher: PiiCipher,
    private readonly index: PiiBlindIndex,
  ) {}

  seal(kind: BlindIndexKind, plaintext: string): SealedPii {
    return {
      enc: this.cipher.encrypt(plaintext),
      index: kind === 'card' ? null : this.index.blindIndex(kind, plaintext),
      masked: MASKS[kind](plaintext),
    };
  }

  /** The plaintext of a stored token (only for callers holding `pii:read`). */
  open(token: string): string {
    return this.cipher.decrypt(token);
  }

  /** Index values to look `plaintext` up by (under every ring key, so rotation keeps lookups working). */
  lookupKeys(kind: BlindIndexKind, plaintext: string): string[] {
    return this.index.blindIndexCandidates(kind, plaintext);
  }
}
