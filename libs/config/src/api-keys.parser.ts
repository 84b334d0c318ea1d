/** One API key as configured in `API_KEYS` (DESIGN.md, operating contract). Only the hash is configured. */
export interface ApiKeyDefinition {
  /** Stable, human-readable key id, e.g. `ops-dashboard`; logged and used as the rate-limit bucket. */
  id: string;
  /** Lowercase hex SHA-256 of the secret that clients send as `Authorization: Bearer <secret>`. */
  sha256: string;
  /** Granted scopes, e.g. `merchants:read`; `*` grants everything. */
  scopes: string[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Parses the `API_KEYS` JSON array. Throws an `Error` whose message says exactly which entry is wrong
 * and why (the config validator turns it into a {@link ConfigError} line).
 */
export function parseApiKeys(raw: string): ApiKeyDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new Error('must be a JSON array of {id, sha256, scopes}');
  const keys = parsed.map((entry: unknown, index) => parseEntry(entry, index));
  const ids = new Set<string>();
  for (const key of keys) {
    if (ids.has(key.id)) throw new Error(`has duplicate id "${key.id}"`);
    ids.add(key.id);
  }
  return keys;
}

function parseEntry(entry: unknown, index: number): ApiKeyDefinition {
  if (typeof entry !== 'object' || entry === null) throw new Error(`[${index}] must be an object`);
  const { id, sha256, scopes } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || id.trim() === '') throw new Error(`[${index}].id must be a non-empty string`);
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new Error(`[${index}].sha256 must be 64 hex characters (the SHA-256 of the secret)`);
  }
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && scope !== '')) {
    throw new Error(`[${index}].scopes must be an array of non-empty strings`);
  }
  return { id, sha256: sha256.toLowerCase(), scopes: [...scopes] as string[] };
}
