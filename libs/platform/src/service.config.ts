import { BaseServiceConfig } from '@merchant-pulse/config';
import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

/**
 * URL of a local development role (password = role name; LOCAL ONLY, tools/infra/postgres/bootstrap.sql).
 * A service's default `DATABASE_URL` is its runtime role `localDatabaseUrl('<schema>_app')`.
 */
export function localDatabaseUrl(role: string): string {
  return `postgresql://${role}:${role}@127.0.0.1:5432/merchant_pulse`;
}

const LOCAL_RUNTIME_URL = /^postgresql:\/\/([a-z_]+)_app:\1_app@127\.0\.0\.1:5432\/merchant_pulse$/;

/**
 * Configuration shared by every merchant-pulse service that owns a Postgres schema. A service's
 * config extends it and sets its own port and `DATABASE_URL` default (its own runtime role).
 */
export abstract class ServiceConfig extends BaseServiceConfig {
  /**
   * Postgres URL the service runs with: its runtime role (`<schema>_app` locally), which may only read
   * and write the rows of its own schema (no DDL, no TRUNCATE, no GRANT).
   */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// or postgresql:// URL' })
  DATABASE_URL: string;

  /**
   * Postgres URL of the schema's owner role, which runs migrations (at boot with `DB_MIGRATE_ON_BOOT`,
   * and `npm run db:migrate`). Unset: the local owner role when `DATABASE_URL` is the local runtime
   * default, else `DATABASE_URL` itself (tests connect as the superuser).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// or postgresql:// URL' })
  DATABASE_MIGRATION_URL?: string;

  /** The Postgres schema the service owns (its own name by default; tests use a per-run schema). */
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: '$property must be a lower-case Postgres identifier' })
  DATABASE_SCHEMA: string;

  /** Apply pending migrations at boot (`true` by default; production runs them as a separate step). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  DB_MIGRATE_ON_BOOT: string = 'true';

  /** Prefix for every Kafka topic and consumer group (empty by default; tests use one per run). */
  @IsString({ message: '$property must be a string' })
  @Matches(/^[a-zA-Z0-9._-]*$/, { message: '$property may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';

  /** Whether this process runs Kafka consumers and the outbox relay (`true` by default). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  RUN_CONSUMERS: string = 'true';

  /** ISO instant: boot on a settable clock starting there (simulations, demo); unset → system clock. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 instant' })
  CLOCK_START?: string;

  /** The URL migrations run with (see {@link DATABASE_MIGRATION_URL}). */
  get migrationUrl(): string {
    if (this.DATABASE_MIGRATION_URL) return this.DATABASE_MIGRATION_URL;
    const local = LOCAL_RUNTIME_URL.exec(this.DATABASE_URL);
    return local ? localDatabaseUrl(local[1]) : this.DATABASE_URL;
  }

  get migrateOnBoot(): boolean {
    return this.DB_MIGRATE_ON_BOOT === 'true';
  }

  get runConsumers(): boolean {
    return this.RUN_CONSUMERS === 'true';
  }
}
