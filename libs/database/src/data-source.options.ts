import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

/** What a service needs to describe its own schema-scoped Postgres data source. */
export interface ServiceDataSourceConfig {
  /** Postgres connection URL; each service connects with its own role. */
  url: string;
  /** The Postgres schema the service owns (DESIGN.md); every table lives there. */
  schema: string;
  /** Reported to Postgres as application_name, visible in pg_stat_activity. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Connection pool size; default 10. */
  poolSize?: number;
  /** Run pending migrations when the data source initialises (development and tests). */
  migrationsRun?: boolean;
  /**
   * URL of the schema's owner role that runs those migrations, when it differs from `url` (the
   * runtime role, which cannot create or alter tables). Default: `url`.
   */
  migrationUrl?: string;
}

/** The migrations table every service keeps inside its own schema. */
export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * TypeORM options for a service's own schema: `synchronize` is always off (migrations only),
 * the migrations table lives in the schema, and every connection's search_path is the schema
 * so raw SQL in repositories needs no schema prefix.
 */
export function serviceDataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    applicationName: config.applicationName,
    entities: config.entities ?? [],
    migrations: config.migrations ?? [],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: config.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    poolSize: config.poolSize ?? 10,
    extra: {
      options: `-c search_path=${quoteIdent(config.schema)},public`,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
    },
  };
}

/** Creates (without initialising) a data source for a service schema. */
export function createServiceDataSource(config: ServiceDataSourceConfig): DataSource {
  return new DataSource(serviceDataSourceOptions(config));
}

/** Quotes a Postgres identifier (schema, table) for interpolation into SQL. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
