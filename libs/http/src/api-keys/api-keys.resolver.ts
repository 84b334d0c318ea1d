import { randomBytes } from 'node:crypto';
import { ApiKeyDefinition, BaseServiceConfig, ConfigError, parseApiKeys } from '@merchant-pulse/config';
import { ALL_SCOPES } from './api-key.principal';
import { sha256Hex } from './api-key.store';

/** Id of the key generated when `API_KEYS` is unset outside production. */
export const GENERATED_API_KEY_ID = 'dev-generated';

/**
 * The API keys this process accepts (DESIGN.md, operating contract):
 * - `API_KEYS` set → the parsed keys;
 * - unset in development/test → one freshly generated secret with scope `*`, logged once as a warning
 *   so a developer can `curl -H "Authorization: Bearer <secret>"`;
 * - unset in production → {@link ConfigError}: the service refuses to start.
 */
export function resolveApiKeys(
  config: Pick<BaseServiceConfig, 'NODE_ENV' | 'API_KEYS'>,
  logger: { warn(fields: object, message: string): void },
): ApiKeyDefinition[] {
  if (config.API_KEYS !== undefined && config.API_KEYS.trim() !== '') {
    try {
      return parseApiKeys(config.API_KEYS);
    } catch (error) {
      throw new ConfigError(`Invalid configuration: API_KEYS ${(error as Error).message}`);
    }
  }
  if (config.NODE_ENV === 'production') throw new ConfigError('API_KEYS is required in production');
  const secret = randomBytes(32).toString('base64url');
  logger.warn(
    { apiKeyId: GENERATED_API_KEY_ID, apiKey: secret, scopes: [ALL_SCOPES] },
    `API_KEYS is not set: generated a ${config.NODE_ENV} API key with scope "*" for this process only. ` +
      `Send it as "Authorization: Bearer ${secret}"`,
  );
  return [{ id: GENERATED_API_KEY_ID, sha256: sha256Hex(secret), scopes: [ALL_SCOPES] }];
}
