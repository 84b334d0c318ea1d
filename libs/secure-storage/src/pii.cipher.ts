import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PiiKeyRing } from './pii.key-ring';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Raised when a token is malformed, names a key the ring lacks, or fails authentication. */
export class PiiTokenError extends Error {
  override readonly name = 'PiiTokenError';
}

interface ParsedToken {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * Encrypts PII at rest with AES-256-GCM under the key ring's primary key.
 *
 * Token: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, the last three unpadded base64url; a fresh random
 * 12-byte IV per encryption (so equal plaintexts give different tokens: look up through the blind
 * index, never by ciphertext) and a 16-byte tag. `v1.<keyId>` is bound as additional authenticated
 * data, so changing the version or key id fails decryption like changing the ciphertext does.
 */
export class PiiCipher {
  constructor(private readonly ring: PiiKeyRing) {}

  /** A token for `plaintext` under the primary key. */
  encrypt(plaintext: string): string {
    if (typeof plaintext !== 'string') throw new TypeError('PiiCipher.encrypt takes a string');
    const keyId = this.ring.primaryId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.primaryKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((bytes) => bytes.toString('base64url'));
    return [VERSION, keyId, ...parts].join('.');
  }

  /**
   * The plaintext of a token made by {@link encrypt} under any key of the ring.
   * @throws PiiTokenError when the token is malformed, its key is not in the ring, or it was altered.
   */
  decrypt(token: string): string {
    const { keyId, iv, ciphertext, tag } = parseToken(token);
    const key = this.ring.keyFor(keyId);
    if (!key) throw new PiiTokenError(`PII token encrypted under key "${keyId}", which the key ring lacks`);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiTokenError(`PII token under key "${keyId}" failed authentication (altered or wrong key)`);
    }
  }

  /**
   * An encrypted envelope of binary data (KYC document images) under the primary key:
   * `PMD1` | key-id length (1 byte) | key id | IV (12) | tag (16) | ciphertext. The magic and key id
   * are authenticated, as for string tokens.
   */
  encryptBytes(plaintext: Buffer): Buffer {
    const keyId = this.ring.primaryId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.primaryKey, iv, { authTagLength: TAG_BYTES });
    const header = envelopeHeader(keyId);
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  }

  /**
   * The plaintext of an envelope made by {@link encryptBytes} under any key of the ring.
   * @throws PiiTokenError when the envelope is malformed, its key is not in the ring, or it was altered.
   */
  decryptBytes(envelope: Buffer): Buffer {
    const keyId = this.envelopeKeyIdOf(envelope);
    const key = this.ring.keyFor(keyId);
    if (!key) throw new PiiTokenError(`document encrypted under key "${keyId}", which the key ring lacks`);
    const headerLength = ENVELOPE_MAGIC.length + 1 + Buffer.byteLength(keyId);
    const iv = envelope.subarray(headerLength, headerLength + IV_BYTES);
    const tag = envelope.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(envelope.subarray(0, headerLength));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(envelope.subarray(headerLength + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PiiTokenError(`document under key "${keyId}" failed authentication (altered or wrong key)`);
    }
  }

  /** Whether the bytes start like an envelope of {@link encryptBytes} (legacy plaintext does not). */
  isEnvelope(bytes: Buffer): boolean {
    return (
      bytes.length > ENVELOPE_MAGIC.length && bytes.subarray(0, ENVELOPE_MAGIC.length).equals(ENVELOPE_MAGIC)
    );
  }

  /**
   * The key id an envelope names, without decrypting it.
   * @throws PiiTokenError when the bytes are not an envelope.
   */
  envelopeKeyIdOf(envelope: Buffer): string {
    const magic = ENVELOPE_MAGIC.length;
    if (envelope.length < magic + 1 || !envelope.subarray(0, magic).equals(ENVELOPE_MAGIC)) {
      throw new PiiTokenError('not an encrypted document envelope');
    }
    const keyId = envelope.subarray(magic + 1, magic + 1 + envelope[magic]).toString('utf8');
    if (
      !/^[A-Za-z0-9_-]{1,64}$/.test(keyId) ||
      envelope.length < magic + 1 + keyId.length + IV_BYTES + TAG_BYTES
    )
      throw new PiiTokenError('encrypted document envelope is truncated or malformed');
    return keyId;
  }

  /** True when the token was encrypted under a key other than the primary: re-encrypt it when rotating. */
  needsReencryption(token: string): boolean {
    return parseToken(token).keyId !== this.ring.primaryId;
  }

  /**
   * The key id a token names, without decrypting it.
   * @throws PiiTokenError when the token is malformed.
   */
  keyIdOf(token: string): string {
    return parseToken(token).keyId;
  }
}

const ENVELOPE_MAGIC = Buffer.from('PMD1', 'ascii');

function envelopeHeader(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([ENVELOPE_MAGIC, Buffer.from([id.length]), id]);
}

function associatedData(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, 'utf8');
}

/** Splits and decodes a token, insisting on canonical base64url so no two strings decode alike. */
function parseToken(token: string): ParsedToken {
  if (typeof token !== 'string') throw new PiiTokenError('PII token must be a string');
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new PiiTokenError(`PII token must look like ${VERSION}.<keyId>.<iv>.<ciphertext>.<tag>`);
  }
  const [, keyId, ivText, ciphertextText, tagText] = parts;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) throw new PiiTokenError('PII token has a malformed key id');
  const iv = decodeBase64Url(ivText, 'IV');
  const ciphertext = decodeBase64Url(ciphertextText, 'ciphertext');
  const tag = decodeBase64Url(tagText, 'tag');
  if (iv.length !== IV_BYTES) throw new PiiTokenError(`PII token IV must be ${IV_BYTES} bytes`);
  if (tag.length !== TAG_BYTES) throw new PiiTokenError(`PII token tag must be ${TAG_BYTES} bytes`);
  return { keyId, iv, ciphertext, tag };
}

function decodeBase64Url(text: string, part: string): Buffer {
  const bytes = BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
  if (!bytes || bytes.toString('base64url') !== text) {
    throw new PiiTokenError(`PII token ${part} is not canonical base64url`);
  }
  return bytes;
}
