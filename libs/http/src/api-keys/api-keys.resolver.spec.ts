import { ConfigError } from '@merchant-pulse/config';
import { ApiKeyStore, sha256Hex } from './api-key.store';
import { GENERATED_API_KEY_ID, resolveApiKeys } from './api-keys.resolver';

function fakeLogger() {
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return {
    warnings,
    warn: (fields: object, message: string) => warnings.push({ fields: fields as never, message }),
  };
}

describe(resolveApiKeys.name, () => {
  const configured = JSON.stringify([{ id: 'ops', sha256: sha256Hex('s3cret'), scopes: ['merchants:read'] }]);

  it.each(['development', 'test', 'production'] as const)(
    'should return the configured keys without logging when API_KEYS is set in %s',
    (NODE_ENV) => {
      const logger = fakeLogger();

      const keys = resolveApiKeys({ NODE_ENV, API_KEYS: configured }, logger);

      expect(keys).toEqual([{ id: 'ops', sha256: sha256Hex('s3cret'), scopes: ['merchants:read'] }]);
      expect(logger.warnings).toHaveLength(0);
    },
  );

  it.each(['development', 'test'] as const)(
    'should generate one "*" key and log its secret once when API_KEYS is unset in %s',
    (NODE_ENV) => {
      const logger = fakeLogger();

      const keys = resolveApiKeys({ NODE_ENV, API_KEYS: undefined }, logger);

      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ id: GENERATED_API_KEY_ID, scopes: ['*'] });
      expect(logger.warnings).toHaveLength(1);
      const secret = logger.warnings[0].fields.apiKey as string;
      expect(logger.warnings[0].message).toContain(`Bearer ${secret}`);
      expect(new ApiKeyStore(keys).authenticate(secret)?.id).toBe(GENERATED_API_KEY_ID);
    },
  );

  it('should generate a different secret when called again', () => {
    const first = resolveApiKeys({ NODE_ENV: 'development' }, fakeLogger());
    const second = resolveApiKeys({ NODE_ENV: 'development' }, fakeLogger());

    expect(first[0].sha256).not.toBe(second[0].sha256);
  });

  it('should refuse to start when API_KEYS is unset in production', () => {
    const logger = fakeLogger();

    expect(() => resolveApiKeys({ NODE_ENV: 'production', API_KEYS: undefined }, logger)).toThrow(
      new ConfigError('API_KEYS is required in production'),
    );
    expect(logger.warnings).toHaveLength(0);
  });

  it('should throw a ConfigError when API_KEYS is malformed', () => {
    expect(() => resolveApiKeys({ NODE_ENV: 'development', API_KEYS: '[{"id":"x"}]' }, fakeLogger())).toThrow(
      ConfigError,
    );
  });
});
