import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, NotEquals, ValidateIf } from 'class-validator';

/** The public survey-signing secret of development and tests; production refuses it. */
export const DEVELOPMENT_SURVEY_SECRET = 'merchant-pulse-development-survey-secret-not-for-production';

/** AfterSalesTickets configuration: environment validated once at boot (a bad value names its key). */
export class AfterSalesTicketsConfig extends ServiceConfig {
  override PORT: number = 3005;
  override DATABASE_SCHEMA: string = 'after_sales';
  override DATABASE_URL: string = localDatabaseUrl('after_sales_app');

  /** Days after resolution during which a ticket may be reopened (default 7). */
  @IsInt({ message: '$property must be an integer between 0 and 365' })
  @Min(0, { message: '$property must be an integer between 0 and 365' })
  @Max(365, { message: '$property must be an integer between 0 and 365' })
  TICKET_REOPEN_DAYS: number = 7;

  /**
   * HMAC secret that signs the single-use CSAT survey links (at least 32 printable characters).
   * Unset outside production: a public development secret; production refuses to start with it.
   */
  @Matches(/^[\x21-\x7e]{32,}$/, { message: '$property must be at least 32 printable characters' })
  @ValidateIf((config: AfterSalesTicketsConfig) => config.NODE_ENV === 'production')
  @NotEquals(DEVELOPMENT_SURVEY_SECRET, {
    message: '$property is the public development secret: set a generated one when NODE_ENV=production',
  })
  SURVEY_TOKEN_SECRET: string = DEVELOPMENT_SURVEY_SECRET;

  /** Days a survey link stays valid (default 14). */
  @IsInt({ message: '$property must be an integer between 1 and 90' })
  @Min(1, { message: '$property must be an integer between 1 and 90' })
  @Max(90, { message: '$property must be an integer between 1 and 90' })
  SURVEY_TTL_DAYS: number = 14;

  /** Largest ticket attachment accepted, in bytes (default 10 MiB). */
  @IsInt({ message: '$property must be an integer between 1024 and 52428800' })
  @Min(1024, { message: '$property must be an integer between 1024 and 52428800' })
  @Max(52_428_800, { message: '$property must be an integer between 1024 and 52428800' })
  ATTACHMENT_MAX_BYTES: number = 10 * 1024 * 1024;

  /** Directory of the local object storage for ticket attachments (encrypted; default `.data/tickets-objects`). */
  @IsString({ message: '$property must be a directory path' })
  OBJECT_STORAGE_DIR: string = '.data/tickets-objects';

  /**
   * Key ring that encrypts attachments (same format and rules as merchant-registry's: JSON
   * `[{"id","key"}]`, required in production, the public development ring otherwise).
   */
  @IsOptional()
  @IsString({ message: '$property must be a JSON key ring' })
  PII_ENCRYPTION_KEYS?: string;

  /** How often the open-ticket gauges are recomputed, in ms (default 15,000). */
  @IsInt({ message: '$property must be an integer of at least 1000' })
  @Min(1000, { message: '$property must be an integer of at least 1000' })
  TICKET_GAUGE_INTERVAL_MS: number = 15_000;

  /** Whether this process runs the BullMQ workers and the SLA sweep (`true` by default). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  RUN_JOBS: string = 'true';

  /** Redis key prefix of the BullMQ queues (tests use one per run). */
  @Matches(/^[a-zA-Z0-9:._-]+$/, {
    message: '$property may contain only letters, digits, ":", ".", "_" and "-"',
  })
  QUEUE_PREFIX: string = 'pulse';

  /**
   * How often the SLA sweep looks for timers that are due (ms, default 1000): it fires timers whose
   * BullMQ job is missing or was delayed for a clock that has since been moved forward.
   */
  @IsInt({ message: '$property must be an integer between 100 and 60000' })
  @Min(100, { message: '$property must be an integer between 100 and 60000' })
  @Max(60_000, { message: '$property must be an integer between 100 and 60000' })
  SLA_SWEEP_INTERVAL_MS: number = 1000;

  /**
   * SLA timer jobs one process holds at once (default 100). Jobs in hand are fired together, up to 200
   * per transaction, so this bounds the batch size rather than the database connections used.
   */
  @IsInt({ message: '$property must be an integer between 1 and 1000' })
  @Min(1, { message: '$property must be an integer between 1 and 1000' })
  @Max(1000, { message: '$property must be an integer between 1 and 1000' })
  SLA_TIMER_CONCURRENCY: number = 100;

  /**
   * Optional JSON file of public holiday schedules: `[{ "region": "CN", "year": 2027, "holidays": [...],
   * "workdays": [...], "source": "..." }]`. Read and checked at boot (a bad file refuses to start); its
   * schedules take precedence over stored ones for the same region and year. For years the State
   * Council publishes after release (usually each November).
   */
  @IsOptional()
  @IsString({ message: '$property must be a file path' })
  HOLIDAY_SCHEDULES_FILE?: string;

  get runJobs(): boolean {
    return this.RUN_JOBS === 'true';
  }
}
