/**
 * Where encrypted documents live (KYC documents, ticket attachments) — never in the database. Keys are content-addressed paths
 * (`merchants/<id>/<type>/<sha256>`), so a retried upload writes the same object.
 *
 * Adapters: {@link LocalDirectoryObjectStorage} (default, development and tests) and, in production,
 * an S3-compatible adapter implementing the same three methods over PutObject / GetObject / HeadObject
 * (not shipped yet: it needs an S3 client package).
 */
export abstract class ObjectStorage {
  /** Stores `bytes` under `key` (overwriting is harmless: same key, same content). */
  abstract put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes under `key`, or null when absent. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Whether an object exists under `key`. */
  abstract exists(key: string): Promise<boolean>;
}
