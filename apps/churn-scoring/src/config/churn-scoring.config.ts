import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { ScoringPolicy } from '../risk/scoring/scoring.policy';

/** ChurnScoring configuration: environment validated once at boot (a bad value names its key). */
export class ChurnScoringConfig extends ServiceConfig {
  override PORT: number = 3003;
  override DATABASE_SCHEMA: string = 'churn_scoring';
  override DATABASE_URL: string = localDatabaseUrl('churn_scoring_app');

  /** Days without an approved transaction after which a merchant is dormant (DESIGN.md: 30). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  DORMANT_AFTER_DAYS: number = 30;

  /** Days without an approved transaction after which a merchant is churned (DESIGN.md: 90). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  CHURNED_AFTER_DAYS: number = 90;

  /** Trailing 90-day fee revenue in fen from which a merchant is high value (default ¥3,000). */
  @IsInt({ message: '$property must be a non-negative integer (fen)' })
  @Min(0, { message: '$property must be a non-negative integer (fen)' })
  VALUE_HIGH_MIN_FEE_MINOR: number = 300_000;

  /** Trailing 90-day fee revenue in fen from which a merchant is mid value (default ¥300). */
  @IsInt({ message: '$property must be a non-negative integer (fen)' })
  @Min(0, { message: '$property must be a non-negative integer (fen)' })
  VALUE_MID_MIN_FEE_MINOR: number = 30_000;

  /** How often the repeatable job rescores every merchant, in ms (default hourly). */
  @IsInt({ message: '$property must be a positive integer (ms)' })
  @Min(1000, { message: '$property must be at least 1000 (ms)' })
  RESCORE_EVERY_MS: number = 3_600_000;

  /** How often the BG/NBD population model is refitted, in ms (default daily). */
  @IsInt({ message: '$property must be a positive integer (ms)' })
  @Min(1000, { message: '$property must be at least 1000 (ms)' })
  MODEL_REFIT_EVERY_MS: number = 86_400_000;

  /** How often the early-warning hazard model is retrained (and promoted only if it beats the current one), in ms (default weekly). */
  @IsInt({ message: '$property must be a positive integer (ms)' })
  @Min(1000, { message: '$property must be at least 1000 (ms)' })
  HAZARD_RETRAIN_EVERY_MS: number = 604_800_000;

  /** Weekly as-of dates of the held-out period a retrained hazard model is compared on (default 4). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be at least 1' })
  HAZARD_HOLDOUT_WEEKS: number = 4;

  /**
   * Most merchant-days `POST /v1/backtests` loads (about 150 bytes each in memory); a backtest over more
   * is refused with 422 before anything is loaded. Default 3,000,000 (about 450 MB).
   */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  BACKTEST_MAX_ACTIVITY_ROWS: number = 3_000_000;

  /** Merchants per rescoring transaction. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  RESCORE_CHUNK_SIZE: number = 2000;

  /**
   * Rescoring chunks in flight at once (each its own transaction and connection), so Postgres reads
   * and writes one chunk while Node scores another. 1 rescores strictly one chunk after the other.
   */
  @IsInt({ message: '$property must be an integer from 1 to 8' })
  @Min(1, { message: '$property must be an integer from 1 to 8' })
  @Max(8, { message: '$property must be an integer from 1 to 8' })
  RESCORE_CONCURRENCY: number = 2;

  /** Whether this process schedules and runs the BullMQ rescoring/refit jobs (`true` by default). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  RUN_JOBS: string = 'true';

  /** Redis key prefix of the BullMQ queues (tests use one per run). */
  @Matches(/^[a-zA-Z0-9:._-]+$/, {
    message: '$property may contain only letters, digits, ":", ".", "_" and "-"',
  })
  QUEUE_PREFIX: string = 'pulse';

  /** Timezone whose calendar days the scores describe (DESIGN.md default). */
  @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, { message: '$property must be an IANA timezone' })
  SCORING_TIMEZONE: string = 'Asia/Shanghai';

  get runJobs(): boolean {
    return this.RUN_JOBS === 'true';
  }

  /** The thresholds of scoring and tiers. */
  get scoringPolicy(): ScoringPolicy {
    return {
      dormantAfterDays: this.DORMANT_AFTER_DAYS,
      churnedAfterDays: this.CHURNED_AFTER_DAYS,
      reactivatedForDays: 28,
      newMerchantAgeDays: 14,
      highValueMinFeeMinor: this.VALUE_HIGH_MIN_FEE_MINOR,
      midValueMinFeeMinor: this.VALUE_MID_MIN_FEE_MINOR,
    };
  }
}
