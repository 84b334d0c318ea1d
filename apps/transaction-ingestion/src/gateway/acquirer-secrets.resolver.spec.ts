import { ConfigError } from '@merchant-pulse/config';
import { DEV_ACQUIRER_SECRETS, resolveAcquirerSecrets } from './acquirer-secrets.resolver';

const logger = { warn: jest.fn() };
const REAL = JSON.stringify({ 'acq-1': ['a-generated-secret-0001', 'the-previous-secret-01'] });

function refusal(config: { NODE_ENV: string; ACQUIRER_SECRETS?: string }): ConfigError {
  try {
    resolveAcquirerSecrets(config, logger);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected resolveAcquirerSecrets to refuse');
}

describe(resolveAcquirerSecrets.name, () => {
  beforeEach(() => logger.warn.mockReset());

  it('should refuse to start naming the key when production has no ACQUIRER_SECRETS', () => {
    expect(refusal({ NODE_ENV: 'production' }).message).toBe('ACQUIRER_SECRETS is required in production');
    expect(refusal({ NODE_ENV: 'production', ACQUIRER_SECRETS: '  ' }).message).toContain(
      'ACQUIRER_SECRETS is required',
    );
  });

  it('should refuse the committed development secret in production when it is set explicitly', () => {
    const message = refusal({ NODE_ENV: 'production', ACQUIRER_SECRETS: DEV_ACQUIRER_SECRETS }).message;
    expect(message).toContain('ACQUIRER_SECRETS of "acq-1" is the public development secret');

    const mixed = JSON.stringify({ 'acq-2': ['a-generated-secret-0002', 'dev-acquirer-secret-1'] });
    expect(refusal({ NODE_ENV: 'production', ACQUIRER_SECRETS: mixed }).message).toContain('"acq-2"');
  });

  it('should name the key and the problem when ACQUIRER_SECRETS is malformed', () => {
    expect(refusal({ NODE_ENV: 'production', ACQUIRER_SECRETS: '{"acq-1": [' }).message).toContain(
      'ACQUIRER_SECRETS is not valid JSON',
    );
    expect(refusal({ NODE_ENV: 'development', ACQUIRER_SECRETS: '{"acq-1":["short"]}' }).message).toContain(
      'ACQUIRER_SECRETS["acq-1"] must list one or two secrets of at least 16 characters',
    );
  });

  it('should use real secrets in production when they are set', () => {
    const secrets = resolveAcquirerSecrets({ NODE_ENV: 'production', ACQUIRER_SECRETS: REAL }, logger);

    expect(secrets.of('acq-1')).toEqual(['a-generated-secret-0001', 'the-previous-secret-01']);
    expect(secrets.of('acq-9')).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('should fall back to the public development secret with a warning when unset outside production', () => {
    const secrets = resolveAcquirerSecrets({ NODE_ENV: 'development' }, logger);

    expect(secrets.of('acq-1')).toEqual(['dev-acquirer-secret-1']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
