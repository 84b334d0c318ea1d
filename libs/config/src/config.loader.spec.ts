import { IsString } from 'class-validator';
import { createHash } from 'node:crypto';
import { BaseServiceConfig, docsArePublic } from './base-service.config';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';

class SampleServiceConfig extends BaseServiceConfig {
  override PORT = 3001;

  @IsString()
  DATABASE_URL: string = 'postgres://sample@127.0.0.1:5432/merchant_pulse';
}

class PortlessConfig extends BaseServiceConfig {}

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

const sha = (secret: string) => createHash('sha256').update(secret).digest('hex');

function loadError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(SampleServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe(loadConfig.name, () => {
  it('should apply every local default when the environment is empty', () => {
    const config = loadConfig(SampleServiceConfig, {});

    expect(config).toBeInstanceOf(SampleServiceConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: 3001,
      HOST: '127.0.0.1',
      KAFKA_BROKERS: '127.0.0.1:9092',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: 1200,
      DATABASE_URL: 'postgres://sample@127.0.0.1:5432/merchant_pulse',
    });
    expect(config.API_KEYS).toBeUndefined();
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('should convert and keep values when the environment sets them', () => {
    const config = loadConfig(SampleServiceConfig, {
      NODE_ENV: 'production',
      PORT: '8080',
      RATE_LIMIT_PER_MINUTE: '30',
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092',
      API_KEYS: JSON.stringify([{ id: 'ops', sha256: sha('s3cret'), scopes: ['merchants:read'] }]),
      METRICS_TOKEN: METRICS_TOKEN,
    });

    expect(config.PORT).toBe(8080);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(30);
    expect(config.NODE_ENV).toBe('production');
    expect(config.kafkaBrokers).toEqual(['kafka-0:9092', 'kafka-1:9092']);
  });

  it('should ignore environment variables when the schema does not declare them', () => {
    const config = loadConfig(SampleServiceConfig, { PATH: '/usr/bin', HOME: '/root' });

    expect(Object.keys(config)).not.toContain('PATH');
  });

  it('should treat a variable as unset when it is empty', () => {
    expect(loadConfig(SampleServiceConfig, { PORT: '', HOST: ' ' })).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
    });
  });

  it('should name the key, the reason and the value when a port is not a number', () => {
    const error = loadError({ PORT: 'abc' });

    expect(error.message).toBe(
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
    );
  });

  it('should name every failing key when several are invalid', () => {
    const error = loadError({ PORT: '70000', NODE_ENV: 'staging', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nope' });

    expect(error.problems).toHaveLength(4);
    expect(error.message).toContain('NODE_ENV must be one of development, test, production (got "staging")');
    expect(error.message).toContain('LOG_LEVEL must be one of');
    expect(error.message).toContain('PORT must be an integer between 1 and 65535 (got "70000")');
    expect(error.message).toContain('KAFKA_BROKERS must be a comma-separated list of host:port (got "nope")');
  });

  it('should require KAFKA_SASL_PASSWORD when a Kafka SASL user is set', () => {
    expect(loadError({ PORT: '3000', KAFKA_SASL_USERNAME: 'churn-scoring' }).message).toContain(
      'KAFKA_SASL_PASSWORD must be set when KAFKA_SASL_USERNAME is',
    );
  });

  it('should refuse to start in production when METRICS_TOKEN is missing or short', () => {
    const message =
      'METRICS_TOKEN must be set in production: at least 32 printable characters without spaces';

    expect(loadError({ NODE_ENV: 'production' }).message).toContain(`${message} (not set)`);
    expect(loadError({ NODE_ENV: 'production', METRICS_TOKEN: 'short' }).message).toContain(
      `${message} (got <redacted>)`,
    );
    expect(loadError({ METRICS_TOKEN: `${METRICS_TOKEN} x` }).message).toContain(message);
    expect(loadConfig(SampleServiceConfig, {}).METRICS_TOKEN).toBeUndefined();
  });

  it('should close the docs by default in production and open them elsewhere when PUBLIC_DOCS is unset', () => {
    const production = { NODE_ENV: 'production', METRICS_TOKEN };

    expect(docsArePublic(loadConfig(SampleServiceConfig, production))).toBe(false);
    expect(docsArePublic(loadConfig(SampleServiceConfig, { ...production, PUBLIC_DOCS: 'true' }))).toBe(true);
    expect(docsArePublic(loadConfig(SampleServiceConfig, {}))).toBe(true);
    expect(docsArePublic(loadConfig(SampleServiceConfig, { PUBLIC_DOCS: 'false' }))).toBe(false);
    expect(loadError({ PUBLIC_DOCS: 'no' }).message).toContain(
      'PUBLIC_DOCS must be true or false (got "no")',
    );
  });

  it('should report a missing port when the service declares none', () => {
    expect(() => loadConfig(PortlessConfig, {})).toThrow(
      'PORT must be an integer between 1 and 65535 (not set)',
    );
  });

  it('should explain the API_KEYS problem without echoing the value when an entry is malformed', () => {
    const error = loadError({ API_KEYS: JSON.stringify([{ id: 'ops', sha256: 'abc', scopes: ['*'] }]) });

    expect(error.message).toContain('API_KEYS must be a JSON array of {"id","sha256","scopes"}: [0].sha256');
    expect(error.message).toContain('(got <redacted>)');
  });

  it('should reject API_KEYS when it is not JSON', () => {
    expect(loadError({ API_KEYS: 'ops:secret' }).message).toContain('is not valid JSON');
  });

  it('should mask a URL password when echoing an invalid value', () => {
    const error = loadError({ REDIS_URL: 'http://user:hunter2@cache:6379' });

    expect(error.message).toContain('got "http://user:***@cache:6379"');
    expect(error.message).not.toContain('hunter2');
  });
});
