import { createHash, createSecretKey, KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

/** A key id: it appears in tokens between dots, so letters, digits, `_` and `-` only. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_BYTES = 32;
const VARIABLE = 'PII_ENCRYPTION_KEYS';

/** Raised for a bad key ring; the message names the problem and never contains key material. */
export class PiiKeyRingError extends Error {
  override readonly name = 'PiiKeyRingError';
}

/** One 256-bit key and its id, as given to {@link PiiKeyRing}. */
export interface PiiKeyEntry {
  /** Stable id written into every token it encrypts (`[A-Za-z0-9_-]{1,64}`). */
  readonly id: string;
  /** Exactly 32 bytes. */
  readonly key: Buffer;
}

/**
 * The PII keys, newest first. The FIRST key (the primary) encrypts and derives the blind-index keys;
 * every key decrypts. Rotation: prepend a new key, re-encrypt (see `PiiCipher.needsReencryption`) and
 * reindex, then drop the old key. Key material is held as KeyObjects and never serialised or logged.
 */
export class PiiKeyRing {
  /** The id of the key that encrypts. */
  readonly primaryId: string;
  /** Every key id, primary first. */
  readonly ids: readonly string[];
  private readonly keys: ReadonlyMap<string, KeyObject>;

  /**
   * @param entries newest first; at least one, unique ids, 32-byte keys.
   * @param isDevelopment true only for {@link developmentKeyRing}, so boot can warn about it.
   * @throws PiiKeyRingError naming the first problem.
   */
  constructor(
    entries: readonly PiiKeyEntry[],
    readonly isDevelopment = false,
  ) {
    if (entries.length === 0) throw new PiiKeyRingError(`${VARIABLE} must hold at least one key`);
    const keys = new Map<string, KeyObject>();
    entries.forEach(({ id, key }, index) => {
      if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) {
        throw new PiiKeyRingError(`${VARIABLE}[${index}]: id must be 1–64 letters, digits, "_" or "-"`);
      }
      if (keys.has(id)) throw new PiiKeyRingError(`${VARIABLE}[${index}]: duplicate key id "${id}"`);
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
        const got = Buffer.isBuffer(key) ? `${key.length} bytes` : 'no bytes';
        throw new PiiKeyRingError(
          `${VARIABLE}[${index}] ("${id}"): key must be ${KEY_BYTES} bytes, got ${got}`,
        );
      }
      keys.set(id, createSecretKey(Buffer.from(key)));
    });
    this.keys = keys;
    this.ids = Object.freeze([...keys.keys()]);
    this.primaryId = this.ids[0];
  }

  /** The key with this id, or undefined when the ring does not hold it. */
  keyFor(id: string): KeyObject | undefined {
    return this.keys.get(id);
  }

  /** The key that encrypts. */
  get primaryKey(): KeyObject {
    return this.keys.get(this.primaryId)!;
  }

  /** Ids only: a key ring that ends up in a log or a JSON body shows no key material. */
  toJSON(): { primaryId: string; ids: readonly string[]; isDevelopment: boolean } {
    return { primaryId: this.primaryId, ids: this.ids, isDevelopment: this.isDevelopment };
  }

  [inspect.custom](): string {
    return `PiiKeyRing(${this.ids.join(', ')}${this.isDevelopment ? ', development' : ''})`;
  }
}

/**
 * Parses `PII_ENCRYPTION_KEYS`: a JSON array `[{"id":"k2026a","key":"<base64 of 32 random bytes>"}]`,
 * newest key first. Generate a key with `openssl rand -base64 32`.
 * @throws PiiKeyRingError for bad JSON, a non-array or empty array, unknown fields, a bad id,
 *   a key that is not base64 of 32 bytes, or a duplicate id. The value itself is never echoed.
 */
export function parsePiiKeyRing(json: string): PiiKeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new PiiKeyRingError(
      `${VARIABLE} is not valid JSON (the value is not shown: it holds key material)`,
    );
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new PiiKeyRingError(`${VARIABLE} must be a non-empty JSON array of {"id","key"} objects`);
  }
  return new PiiKeyRing(parsed.map((entry: unknown, index) => parseEntry(entry, index)));
}

function parseEntry(entry: unknown, index: number): PiiKeyEntry {
  const where = `${VARIABLE}[${index}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new PiiKeyRingError(`${where} must be an object {"id","key"}`);
  }
  const unexpected = Object.keys(entry).filter((field) => field !== 'id' && field !== 'key');
  if (unexpected.length > 0)
    throw new PiiKeyRingError(`${where} has unexpected field(s) ${unexpected.join(', ')}`);
  const { id, key } = entry as { id?: unknown; key?: unknown };
  if (typeof id !== 'string') throw new PiiKeyRingError(`${where}: id must be a string`);
  if (typeof key !== 'string' || !BASE64_PATTERN.test(key)) {
    throw new PiiKeyRingError(`${where} ("${id}"): key must be a base64 string`);
  }
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new PiiKeyRingError(
      `${where} ("${id}"): key must be base64 of ${KEY_BYTES} bytes, got ${bytes.length}`,
    );
  }
  return { id, key: bytes };
}

/** The id of the development key; a token carrying it was never protected. */
export const DEVELOPMENT_PII_KEY_ID = 'dev-insecure';

/**
 * A FIXED, PUBLIC, INSECURE key ring for development and tests, so local data survives restarts
 * without configuration. The caller decides when to use it — only when `NODE_ENV !== 'production'`
 * and `PII_ENCRYPTION_KEYS` is unset; {@link piiKeyRingFromEnv} implements exactly that rule.
 */
export function developmentKeyRing(): PiiKeyRing {
  const key = createHash('sha256')
    .update('merchant-pulse development PII key - public, never for production')
    .digest();
  return new PiiKeyRing([{ id: DEVELOPMENT_PII_KEY_ID, key }], true);
}

/**
 * The boot rule: `PII_ENCRYPTION_KEYS` when set (and non-empty); otherwise the development ring,
 * except in production, which refuses to start — and refuses the public development key even when
 * it is set explicitly.
 * @throws PiiKeyRingError when the variable is invalid, or unset with `NODE_ENV=production`, or holds
 *   the development key with `NODE_ENV=production`.
 */
export function piiKeyRingFromEnv(env: Readonly<Record<string, string | undefined>>): PiiKeyRing {
  const value = env[VARIABLE]?.trim();
  if (value) {
    const ring = parsePiiKeyRing(value);
    if (env.NODE_ENV === 'production') refuseDevelopmentKey(ring);
    return ring;
  }
  if (env.NODE_ENV === 'production') {
    throw new PiiKeyRingError(`${VARIABLE} is required when NODE_ENV=production`);
  }
  return developmentKeyRing();
}

function refuseDevelopmentKey(ring: PiiKeyRing): void {
  const development = developmentKeyRing().primaryKey;
  const id = ring.ids.find((candidate) => ring.keyFor(candidate)!.equals(development));
  if (id !== undefined)
    throw new PiiKeyRingError(
      `${VARIABLE} ("${id}") is the public development key (it is in the repository): set a generated key when NODE_ENV=production`,
    );
}
