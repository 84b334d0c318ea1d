import { BaseServiceConfig } from '@merchant-pulse/config';
import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

/**
 * Configuration shared by every merchant-pulse service that owns a Postgres schema. A service's
 * config extends it and sets its own port and `DATABASE_URL` default (its own role).
 */
export abstract class ServiceConfig extends BaseServiceConfig {
  /** Postgres URL; each service connects with its own role, which can use only its own schema. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// or postgresql:// URL' })
  DATABASE_URL: string;

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

  get migrateOnBoot(): boolean {
    return this.DB_MIGRATE_ON_BOOT === 'true';
  }

  get runConsumers(): boolean {
    return this.RUN_CONSUMERS === 'true';
  }
}
