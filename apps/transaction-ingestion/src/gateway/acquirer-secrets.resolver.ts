import { ConfigError } from '@merchant-pulse/config';
import { parseAcquirerSecrets } from './acquirer-signature';

/**
 * The development acquirer secret: PUBLIC (it is in git), used when `ACQUIRER_SECRETS` is unset
 * outside production so `simulate run --via rest --acquirer-secret dev-acquirer-secret-1` works
 * locally. Production refuses it, set or not.
 */
export const DEV_ACQUIRER_SECRETS = '{"acq-1":["dev-acquirer-secret-1"]}';

/** Secrets that are in the repository and therefore never protect anything. */
const PUBLIC_SECRETS = new Set(['dev-acquirer-secret-1']);

/** The HMAC secrets the gateway verifies each acquirer's batches with, resolved once at boot. */
export class AcquirerSecrets {
  constructor(private readonly byAcquirer: ReadonlyMap<string, readonly string[]>) {}

  /** The one or two active secrets of `acquirerId` (none for an unknown acquirer). */
  of(acquirerId: string): readonly string[] {
    return this.byAcquirer.get(acquirerId) ?? [];
  }
}

/**
 * The boot rule, as for `API_KEYS` and `PII_ENCRYPTION_KEYS`:
 * - `ACQUIRER_SECRETS` set → the parsed secrets (production refuses any public development secret);
 * - unset in development/test → {@link DEV_ACQUIRER_SECRETS}, with a warning;
 * - unset in production → {@link ConfigError}: the service refuses to start.
 */
export function resolveAcquirerSecrets(
  config: { NODE_ENV: string; ACQUIRER_SECRETS?: string },
  logger: { warn(fields: object, message: string): void },
): AcquirerSecrets {
  const production = config.NODE_ENV === 'production';
  const value = config.ACQUIRER_SECRETS?.trim();
  if (!value) {
    if (production) throw new ConfigError('ACQUIRER_SECRETS is required in production');
    logger.warn(
      { acquirers: Object.keys(JSON.parse(DEV_ACQUIRER_SECRETS) as object) },
      `ACQUIRER_SECRETS is not set: the public ${config.NODE_ENV} secret verifies batches of acq-1`,
    );
    return new AcquirerSecrets(parseAcquirerSecrets(DEV_ACQUIRER_SECRETS));
  }
  let secrets: Map<string, string[]>;
  try {
    secrets = parseAcquirerSecrets(value);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
  if (production) {
    const public_ = [...secrets].filter(([, list]) => list.some((s) => PUBLIC_SECRETS.has(s)));
    if (public_.length > 0)
      throw new ConfigError(
        `ACQUIRER_SECRETS of ${public_.map(([id]) => `"${id}"`).join(', ')} is the public development ` +
          'secret (committed in the repository): set a generated one in production',
      );
  }
  return new AcquirerSecrets(secrets);
}
