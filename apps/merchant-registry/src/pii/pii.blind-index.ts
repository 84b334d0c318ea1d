import { createHmac, createSecretKey, hkdfSync, KeyObject } from 'node:crypto';
import { normalizeCnMobile } from '../identity/cn-mobile.validator';
import { PiiKeyRing } from '@merchant-pulse/secure-storage';

/** What is being indexed; each kind gets its own derived key, so equal strings of different kinds differ. */
export type BlindIndexKind = 'phone' | 'id_number' | 'email' | 'card';

const KINDS: readonly BlindIndexKind[] = ['phone', 'id_number', 'email', 'card'];
const INFO_PREFIX = 'pulse-blind-index:';

/**
 * The canonical form a value is indexed under, so equivalent inputs index alike: phones as their
 * 11 mainland digits (`+86 138 1234 5678` → `13812345678`), ID numbers trimmed and upper-cased,
 * emails trimmed and lower-cased, cards as their digits only.
 * @throws RangeError when the value is not a string, normalises to nothing, or is not a mainland mobile.
 */
export function normalizeForBlindIndex(kind: BlindIndexKind, value: string): string {
  if (typeof value !== 'string') throw new RangeError(`A ${kind} blind index takes a string`);
  let normalized: string;
  switch (kind) {
    case 'phone':
      normalized = normalizeCnMobile(value) ?? '';
      if (!normalized) throw new RangeError('A phone blind index takes a mainland China mobile number');
      break;
    case 'id_number':
      normalized = value.trim().toUpperCase();
      break;
    case 'email':
      normalized = value.trim().toLowerCase();
      break;
    case 'card':
      normalized = value.replace(/\D/g, '');
      break;
    default:
      throw new RangeError(`Unknown blind index kind "${String(kind)}"`);
  }
  if (!normalized) throw new RangeError(`A ${kind} blind index needs a non-empty value`);
  return normalized;
}

/**
 * Blind indexes: HMAC-SHA256 (hex) of the normalised value under a per-kind key derived with
 * HKDF-SHA256 (empty salt, info `pulse-blind-index:<kind>`) from a ring key. Store the index beside
 * the encrypted column and look phones and ID numbers up by it — never by decrypting rows.
 *
 * Writes use the PRIMARY key ({@link blindIndex}). Rotating the primary key therefore changes every
 * index and requires a reindex (recompute each row's index from its decrypted value). Until that is
 * done, look up with {@link blindIndexCandidates} (`WHERE phone_index = ANY($1)`), which also matches
 * rows indexed under older keys; drop an old key only after the reindex.
 */
export class PiiBlindIndex {
  private readonly keysById = new Map<string, Readonly<Record<BlindIndexKind, KeyObject>>>();

  constructor(private readonly ring: PiiKeyRing) {
    for (const id of ring.ids) this.keysById.set(id, deriveIndexKeys(ring.keyFor(id)!));
  }

  /** The index of `value` under the primary key: what to store on write. */
  blindIndex(kind: BlindIndexKind, value: string): string {
    return hmacHex(this.keysById.get(this.ring.primaryId)![kind], normalizeForBlindIndex(kind, value));
  }

  /** The index of `value` under every ring key, primary first: what to look up by. */
  blindIndexCandidates(kind: BlindIndexKind, value: string): string[] {
    const normalized = normalizeForBlindIndex(kind, value);
    return this.ring.ids.map((id) => hmacHex(this.keysById.get(id)![kind], normalized));
  }
}

function deriveIndexKeys(ikm: KeyObject): Readonly<Record<BlindIndexKind, KeyObject>> {
  const derive = (kind: BlindIndexKind): KeyObject =>
    createSecretKey(Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), `${INFO_PREFIX}${kind}`, 32)));
  return Object.freeze(
    Object.fromEntries(KINDS.map((kind) => [kind, derive(kind)])) as Record<BlindIndexKind, KeyObject>,
  );
}

function hmacHex(key: KeyObject, normalized: string): string {
  return createHmac('sha256', key).update(normalized, 'utf8').digest('hex');
}
