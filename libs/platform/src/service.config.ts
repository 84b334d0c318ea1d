import { IsDateOrInstant } from '@merchant-pulse/contracts';
import { BaseServiceConfig } from '@merchant-pulse/config';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

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

  /**
   * Upper bound of one Kafka produce request in bytes (default 1,000,000): keep it below the topics'
   * `max.message.bytes` (broker default 1,048,588). Larger dead letters go to `dead_letter_overflow`,
   * larger outbox rows to `outbox_failed`.
   */
  @IsInt({ message: '$property must be an integer between 1024 and 104857600' })
  @Min(1024, { message: '$property must be an integer between 1024 and 104857600' })
  @Max(104_857_600, { message: '$property must be an integer between 1024 and 104857600' })
  KAFKA_MAX_REQUEST_BYTES: number = 1_000_000;

  /** Published outbox rows are deleted this many hours after publication (default 24). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTBOX_RETENTION_HOURS: number = 24;

  /**
   * Inbox entries (processed event ids) are deleted this many hours after processing (default 336,
   * 14 days): keep it above the topics' retention (7 days), or a replay re-applies old events.
   */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  INBOX_RETENTION_HOURS: number = 336;

  /** How often the outbox/inbox retention job runs, in ms (default 60,000). */
  @IsInt({ message: '$property must be an integer of at least 1000' })
  @Min(1000, { message: '$property must be an integer of at least 1000' })
  MESSAGING_PRUNE_INTERVAL_MS: number = 60_000;

  /** ISO instant: boot on a settable clock starting there (simulations, demo); unset → system clock. */
  @IsOptional()
  @IsDateOrInstant()
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
