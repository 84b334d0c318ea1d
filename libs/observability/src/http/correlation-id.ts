import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const UUID_BYTES = 16;
const POOL_UUIDS = 256;

/** Random bytes for the next {@link POOL_UUIDS} ids, filled by one `randomFillSync` call. */
const pool = Buffer.allocUnsafe(UUID_BYTES * POOL_UUIDS);
let poolOffset = pool.length;

/**
 * A fresh UUIDv7 for a request without a caller-supplied correlation id. The random part comes from a
 * pooled CSPRNG buffer refilled every 256 ids: uuid's default source calls WebCrypto
 * `getRandomValues` once per id, which cost ~25 µs per request under load.
 */
export function newCorrelationId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const random = pool.subarray(poolOffset, poolOffset + UUID_BYTES);
  poolOffset += UUID_BYTES;
  return uuidv7({ random });
}
