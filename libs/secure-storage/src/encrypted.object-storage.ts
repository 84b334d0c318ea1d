import { PiiCipher } from './pii.cipher';
import { ObjectStorage } from './object-storage.port';

/**
 * KYC documents (ID cards, bank cards) are PII: this decorator encrypts every object with the PII key
 * ring before it reaches the underlying storage and decrypts on read, so the volume (or bucket) holds
 * only AES-256-GCM envelopes naming their key id. Rotation re-encrypts them like PII columns.
 */
export class EncryptedObjectStorage extends ObjectStorage {
  constructor(
    private readonly inner: ObjectStorage,
    private readonly cipher: PiiCipher,
  ) {
    super();
  }

  async put(key: string, bytes: Buffer, mediaType: string): Promise<void> {
    await this.inner.put(key, this.cipher.encryptBytes(bytes), mediaType);
  }

  async get(key: string): Promise<Buffer | null> {
    const envelope = await this.inner.get(key);
    return envelope === null ? null : this.cipher.decryptBytes(envelope);
  }

  /**
   * Re-encrypts one object under the primary key; an object stored before encryption (not an
   * envelope) is encrypted as it is. Returns the key id it is now under, or null when it is missing.
   */
  async reencrypt(key: string, mediaType: string): Promise<string | null> {
    const stored = await this.inner.get(key);
    if (stored === null) return null;
    const plaintext = this.cipher.isEnvelope(stored) ? this.cipher.decryptBytes(stored) : stored;
    const envelope = this.cipher.encryptBytes(plaintext);
    await this.inner.put(key, envelope, mediaType);
    return this.cipher.envelopeKeyIdOf(envelope);
  }

  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }

  /** The key id the stored object is encrypted under (null when absent). */
  async keyIdOf(key: string): Promise<string | null> {
    const envelope = await this.inner.get(key);
    return envelope === null ? null : this.cipher.envelopeKeyIdOf(envelope);
  }
}
