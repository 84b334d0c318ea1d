import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/** TransactionIngestion configuration: environment validated once at boot (a bad value names its key). */
export class TransactionIngestionConfig extends ServiceConfig {
  override PORT: number = 3002;
  override DATABASE_SCHEMA: string = 'transaction_ingestion';
  override DATABASE_URL: string = localDatabaseUrl('transaction_ingestion_app');

  /**
   * HMAC secrets of the signed REST batch API per acquirer, JSON `{ "acq-1": ["new", "old"] }`:
   * every listed secret verifies, so two can be active during a rotation. Unset outside production: the
   * public development secret of `acq-1`. Production refuses to start without it, or with that secret
   * (gateway/acquirer-secrets.resolver.ts).
   */
  @IsOptional()
  @IsString()
  ACQUIRER_SECRETS?: string;

  /** How far past the Clock's now `occurredAt` may be (terminal clock skew) before `future_dated`. */
  @IsInt()
  @Min(0)
  FUTURE_TOLERANCE_MS: number = 300_000;

  /** How long a transaction of an unknown merchant waits for its MerchantRegistered before `unknown_merchant`. */
  @IsInt()
  @Min(1_000)
  PARKED_TTL_MS: number = 86_400_000;

  /** Period of the maintenance job (parked replay/expiry, terminal health, partitions). */
  @IsInt()
  @Min(100)
  MAINTENANCE_INTERVAL_MS: number = 30_000;

  /**
   * How often changed merchant-days are published as MerchantDailyActivity snapshots (one per
   * merchant-day per round, however many chunks touched it). 5 s: daily totals a few seconds stale
   * are irrelevant downstream, while at 10,000 trading merchants a 1 s round still emits about one
   * snapshot per three to four transactions.
   */
  @IsInt()
  @Min(100)
  SNAPSHOT_INTERVAL_MS: number = 5_000;

  /**
   * Upper bound on MerchantDailyActivity snapshots published per second. The publisher spreads its
   * rounds to stay under it instead of emitting every dirty merchant-day in one burst: bursts of
   * thousands of snapshots (10,000 trading merchants) competed with the ingestion chunks for the CPU
   * and the database and set the p99. Nothing is lost when the dirty set outgrows it — a merchant-day
   * stays marked once, so snapshots coalesce further and arrive later (10,000 active merchant-days
   * at 1,000/s: each refreshed about every 10 s).
   */
  @IsInt()
  @Min(1)
  SNAPSHOT_MAX_PER_SECOND: number = 1_000;

  /** Months of transactions kept; older monthly partitions are dropped by the maintenance job. */
  @IsInt()
  @Min(1)
  @Max(120)
  RETENTION_MONTHS: number = 25;

  /** Seconds a merchant projection entry is trusted in memory before it is re-read (other instances' updates). */
  @IsInt()
  @Min(1)
  PROJECTION_CACHE_TTL_SECONDS: number = 60;

  /** Sliding window of the terminal health detector, in minutes. */
  @IsInt()
  @Min(5)
  HEALTH_WINDOW_MINUTES: number = 60;

  /** Fewest transactions in the window before a rate is judged. */
  @IsInt()
  @Min(1)
  HEALTH_MIN_SAMPLE: number = 20;

  /** Card-read failure rate (0–1) that degrades a terminal. */
  @IsNumber()
  @Min(0)
  @Max(1)
  HEALTH_READ_FAILURE_THRESHOLD: number = 0.2;

  /** Decline rate (0–1) that degrades a terminal. */
  @IsNumber()
  @Min(0)
  @Max(1)
  HEALTH_DECLINE_THRESHOLD: number = 0.5;

  /** Minutes without traffic, while the merchant trades on other terminals, before a terminal is `silent`. */
  @IsInt()
  @Min(5)
  HEALTH_SILENT_MINUTES: number = 240;

  /**
   * How long an `Idempotency-Key` answer is remembered, in seconds (a used signature only as long as its
   * timestamp is acceptable: 11 minutes). Each answer is at most 16 kB, typically ~100 B.
   */
  @IsInt()
  @Min(600)
  IDEMPOTENCY_TTL_SECONDS: number = 86_400;
}
