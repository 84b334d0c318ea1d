import { loadConfig } from '@merchant-pulse/config';
import { localDatabaseUrl, ServiceConfig } from './service.config';

class SampleConfig extends ServiceConfig {
  override PORT: number = 3009;
  override DATABASE_SCHEMA: string = 'sample';
  override DATABASE_URL: string = localDatabaseUrl('sample_app');
}

describe(ServiceConfig.name, () => {
  it('should migrate as the local schema owner when DATABASE_URL is the local runtime default', () => {
    const config = loadConfig(SampleConfig, {});

    expect(config.DATABASE_URL).toBe('postgresql://sample_app:sample_app@127.0.0.1:5432/merchant_pulse');
    expect(config.migrationUrl).toBe('postgresql://sample:sample@127.0.0.1:5432/merchant_pulse');
  });

  it('should migrate with DATABASE_URL when it is set and DATABASE_MIGRATION_URL is not', () => {
    const url = 'postgresql://postgres@db.internal:5432/merchant_pulse';

    expect(loadConfig(SampleConfig, { DATABASE_URL: url }).migrationUrl).toBe(url);
  });

  it('should migrate with DATABASE_MIGRATION_URL when it is set, and refuse one that is not a Postgres URL', () => {
    const owner = 'postgresql://sample:s3cret@db.internal:5432/merchant_pulse';

    expect(loadConfig(SampleConfig, { DATABASE_MIGRATION_URL: owner }).migrationUrl).toBe(owner);
    expect(() => loadConfig(SampleConfig, { DATABASE_MIGRATION_URL: 'mysql://x' })).toThrow(
      'DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL',
    );
  });
});
