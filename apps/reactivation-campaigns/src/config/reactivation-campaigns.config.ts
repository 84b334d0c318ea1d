import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

/** ReactivationCampaigns configuration: environment validated once at boot (a bad value names its key). */
export class ReactivationCampaignsConfig extends ServiceConfig {
  override PORT: number = 3004;
  override DATABASE_SCHEMA: string = 'reactivation';
  override DATABASE_URL: string = localDatabaseUrl('reactivation_app');

  // --- campaigns ---
  /** Default K of new campaigns: approved transactions on one local day that count as a conversion. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  CAMPAIGN_CONVERSION_MIN_APPROVED: number = 3;

  /** Default attribution window of new campaigns, in days after enrolment. */
  @IsInt({ message: '$property must be an integer from 1 to 180' })
  @Min(1, { message: '$property must be an integer from 1 to 180' })
  @Max(180, { message: '$property must be an integer from 1 to 180' })
  CAMPAIGN_ATTRIBUTION_DAYS: number = 30;

  /** Default holdout share of new campaigns (by legal entity). */
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: '$property must be a number from 0 to 0.5' },
  )
  @Min(0, { message: '$property must be a number from 0 to 0.5' })
  @Max(0.5, { message: '$property must be a number from 0 to 0.5' })
  CAMPAIGN_HOLDOUT_SHARE: number = 0.1;

  /** Default cool-down of new campaigns: days after an exit before a merchant may re-enter. */
  @IsInt({ message: '$property must be a non-negative integer' })
  @Min(0, { message: '$property must be a non-negative integer' })
  CAMPAIGN_REENTRY_COOLDOWN_DAYS: number = 30;

  /** How often committed treatment enrolments are handed to outreach and scheduled campaigns started, ms. */
  @IsInt({ message: '$property must be an integer of at least 100 (ms)' })
  @Min(100, { message: '$property must be an integer of at least 100 (ms)' })
  CAMPAIGN_HANDOFF_INTERVAL_MS: number = 1000;
  // --- end campaigns ---
}
