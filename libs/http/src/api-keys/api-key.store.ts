import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyDefinition } from '@merchant-pulse/config';
import type { ApiKeyPrincipal } from './api-key.principal';

interface StoredKey {
  principal: ApiKeyPrincipal;
  sha256: Buffer;
}

/** SHA-256 of an API key secret, as lowercase hex: the value to put in `API_KEYS[].sha256`. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The configured API keys, held as SHA-256 hashes only. Provided by `HttpPlatformModule` from
 * {@link resolveApiKeys}.
 */
export class ApiKeyStore {
  private readonly keys: readonly StoredKey[];

  constructor(definitions: readonly ApiKeyDefinition[]) {
    this.keys = definitions.map((definition) => ({
      principal: Object.freeze({ id: definition.id, scopes: Object.freeze([...definition.scopes]) }),
      sha256: Buffer.from(definition.sha256, 'hex'),
    }));
  }

  /**
   * The key whose secret is `secret`, or undefined. The presented secret is hashed and compared in
   * constant time against every key (no early exit), so timing reveals neither the hash nor which key.
   */
  authenticate(secret: string): ApiKeyPrincipal | undefined {
    const presented = createHash('sha256').update(secret, 'utf8').digest();
    let match: ApiKeyPrincipal | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(presented, key.sha256) && match === undefined) match = key.principal;
    }
    return match;
  }
}
