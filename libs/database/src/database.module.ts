import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceDataSource, ServiceDataSourceConfig } from './data-source.options';

const DATA_SOURCE_CONFIG = Symbol('DATA_SOURCE_CONFIG');

/** Closes the pool after everything else has shut down (consumers finish their batch first). */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
      this.logger.log('database pool closed');
    }
  }
}

/**
 * Runs pending migrations (when asked) as the schema owner, then opens the runtime pool. With a
 * separate `migrationUrl` the owner connects once, migrates and disconnects: the long-lived pool
 * holds only the runtime role, which cannot change the schema.
 */
async function initializeDataSource(config: ServiceDataSourceConfig): Promise<DataSource> {
  if (!config.migrationsRun || !config.migrationUrl || config.migrationUrl === config.url)
    return createServiceDataSource(config).initialize();
  const migrator = await createServiceDataSource({
    ...config,
    url: config.migrationUrl,
    applicationName: `${config.applicationName}-migrations`,
    poolSize: 1,
    migrationsRun: false,
  }).initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
  return createServiceDataSource({ ...config, migrationsRun: false }).initialize();
}

/**
 * Provides the service's initialised, schema-scoped {@link DataSource}. No `@nestjs/typeorm`:
 * repositories take the DataSource (or an EntityManager inside a transaction) directly.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(configFactory: () => ServiceDataSourceConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATA_SOURCE_CONFIG, useFactory: configFactory },
        {
          provide: DataSource,
          inject: [DATA_SOURCE_CONFIG],
          useFactory: initializeDataSource,
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
