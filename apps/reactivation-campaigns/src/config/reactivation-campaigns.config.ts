import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** ReactivationCampaigns configuration: environment validated once at boot (a bad value names its key). */
export class ReactivationCampaignsConfig extends ServiceConfig {
  override PORT: number = 3004;
  override DATABASE_SCHEMA: string = 'reactivation';
  override DATABASE_URL: string = localDatabaseUrl('reactivation_app');

  // ── loyalty, membership and idle terminals ────────────────────────────────────────────────────
  /**
   * Base URL of merchant-registry's REST API (loyalty fee relief, terminal recall). Same key and default
   * as the outreach side's (h/campaigns-outreach): keep one declaration when merging.
   */
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';

  /** API key secret this service presents to merchant-registry (scope `merchants:write`); see REGISTRY_URL. */
  @ValidateIf(
    (c: ReactivationCampaignsConfig) => c.NODE_ENV === 'production' || c.REGISTRY_API_KEY !== undefined,
  )
  @IsString({ message: '$property is required in production (a registry API key with merchants:write)' })
  @IsNotEmpty({ message: '$property is required in production (a registry API key with merchants:write)' })
  REGISTRY_API_KEY?: string;

  /** Points expire this many months after the day they were earned (FIFO lots; default 12). */
  @IsInt({ message: '$property must be an integer between 1 and 120' })
  @Min(1, { message: '$property must be an integer between 1 and 120' })
  @Max(120, { message: '$property must be an integer between 1 and 120' })
  LOYALTY_POINTS_VALID_MONTHS: number = 12;

  /** IANA timezone whose calendar dates expiry, membership and terminal idleness use (default Asia/Shanghai). */
  @IsString({ message: '$property must be an IANA timezone' })
  LOYALTY_TIMEZONE: string = 'Asia/Shanghai';

  /** How often expiry, membership recalculation and the idle-terminal scan run, in ms (default 1 hour). */
  @IsInt({ message: '$property must be an integer of at least 1000' })
  @Min(1000, { message: '$property must be an integer of at least 1000' })
  LOYALTY_JOBS_EVERY_MS: number = 3_600_000;

  /** A referral is rewarded when the referred merchant reaches this many approved trading days (default 10). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  REFERRAL_QUALIFYING_DAYS: number = 10;

  /** Points the referrer receives for a qualified referral (default 500). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  REFERRAL_REWARD_POINTS: number = 500;

  /** An assigned terminal without an approved transaction for this many days is idle (default 30). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  TERMINAL_IDLE_DAYS: number = 30;
}
