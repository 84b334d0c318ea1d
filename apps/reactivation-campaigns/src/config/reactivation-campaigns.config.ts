import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsIn, IsInt, IsNumber, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const HOURS_RANGE = /^([01]\d|2[0-3]):00-([01]\d|2[0-4]):00$/;
const isProduction = (config: ReactivationCampaignsConfig): boolean => config.NODE_ENV === 'production';

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
  // --- outreach (outreach/, channels/, offers/) ---

  /** Whether this process runs the outreach BullMQ workers (`true` by default; HTTP-only replicas: false). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  RUN_OUTREACH_WORKERS: string = 'true';

  /** Redis key prefix of the outreach BullMQ queues (tests use one per run). */
  @Matches(/^[a-zA-Z0-9:._-]+$/, {
    message: '$property may contain only letters, digits, ":", ".", "_" and "-"',
  })
  OUTREACH_QUEUE_PREFIX: string = 'pulse';

  /** Jobs each outreach worker runs at once (per channel queue). */
  @IsInt({ message: '$property must be an integer between 1 and 200' })
  @Min(1, { message: '$property must be an integer between 1 and 200' })
  @Max(200, { message: '$property must be an integer between 1 and 200' })
  OUTREACH_CONCURRENCY: number = 20;

  /** Most SMS handed to the gateway per second, across every replica (BullMQ limiter). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTREACH_SMS_PER_SECOND: number = 50;

  /** Most emails handed to the SMTP relay per second, across every replica. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTREACH_EMAIL_PER_SECOND: number = 20;

  /** Most phone tasks created per second, across every replica. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTREACH_PHONE_TASK_PER_SECOND: number = 100;

  /** Attempts per outreach job (provider 5xx/timeouts are retried with exponential backoff). */
  @IsInt({ message: '$property must be an integer between 1 and 20' })
  @Min(1, { message: '$property must be an integer between 1 and 20' })
  @Max(20, { message: '$property must be an integer between 1 and 20' })
  OUTREACH_ATTEMPTS: number = 5;

  /** First retry delay in ms (doubles each attempt). */
  @IsInt({ message: '$property must be a non-negative integer (ms)' })
  @Min(0, { message: '$property must be a non-negative integer (ms)' })
  OUTREACH_BACKOFF_MS: number = 30_000;

  /** Marketing contacts allowed per merchant within {@link OUTREACH_CAP_WINDOW_DAYS}, across campaigns. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTREACH_MARKETING_CAP: number = 2;

  /** Days of the frequency cap's sliding window. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  OUTREACH_CAP_WINDOW_DAYS: number = 7;

  /** Business hours in the merchant's timezone, `HH:00-HH:00` (default 09:00-20:00). */
  @Matches(HOURS_RANGE, { message: '$property must look like 09:00-20:00 (whole hours)' })
  OUTREACH_BUSINESS_HOURS: string = '09:00-20:00';

  /**
   * An hour of the merchant's own histogram is a peak (no contact) when it holds at least this share of the
   * merchant's approved transactions (default 0.12; a flat day has 1/24 ≈ 0.04 per hour).
   */
  @IsNumber({}, { message: '$property must be a number between 0 and 1' })
  @Min(0, { message: '$property must be a number between 0 and 1' })
  @Max(1, { message: '$property must be a number between 0 and 1' })
  OUTREACH_PEAK_HOUR_SHARE: number = 0.12;

  /** Base URL of merchant-registry (contacts, consent, fee promotions). */
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';

  /** Bearer secret for merchant-registry (scopes outreach:contact, merchants:read, merchants:write). Required in production. */
  @ValidateIf((c: ReactivationCampaignsConfig) => isProduction(c) || c.REGISTRY_API_KEY !== undefined)
  @IsString({ message: '$property must be set in production' })
  @MinLength(16, { message: '$property must be set in production (at least 16 characters)' })
  REGISTRY_API_KEY?: string;

  /** Timeout of one registry call in ms. */
  @IsInt({ message: '$property must be a positive integer (ms)' })
  @Min(1, { message: '$property must be a positive integer (ms)' })
  REGISTRY_TIMEOUT_MS: number = 5000;

  /** SMTP relay host. */
  @IsString({ message: '$property must be a host name' })
  SMTP_HOST: string = '127.0.0.1';

  /** SMTP relay port (default 2525, the local sink). */
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  SMTP_PORT: number = 2525;

  /** `true` for implicit TLS (port 465); STARTTLS is used whenever the server offers it. */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  SMTP_SECURE: string = 'false';

  /** SMTP user. Required in production. */
  @ValidateIf((c: ReactivationCampaignsConfig) => isProduction(c) || c.SMTP_USER !== undefined)
  @IsString({ message: '$property must be set in production' })
  @MinLength(1, { message: '$property must be set in production' })
  SMTP_USER?: string;

  /** SMTP password. Required in production. */
  @ValidateIf((c: ReactivationCampaignsConfig) => isProduction(c) || c.SMTP_PASSWORD !== undefined)
  @IsString({ message: '$property must be set in production' })
  @MinLength(1, { message: '$property must be set in production' })
  SMTP_PASSWORD?: string;

  /** Sender of outreach email. */
  @IsString({ message: '$property must be an address' })
  SMTP_FROM: string = '商户服务 <service@merchant-pulse.local>';

  /** SMS gateway endpoint that accepts `POST {to, text, reference}` as JSON. */
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  SMS_GATEWAY_URL: string = 'http://127.0.0.1:4010/v1/messages';

  /** Bearer credential of the SMS gateway. Required in production. */
  @ValidateIf((c: ReactivationCampaignsConfig) => isProduction(c) || c.SMS_GATEWAY_API_KEY !== undefined)
  @IsString({ message: '$property must be set in production' })
  @MinLength(8, { message: '$property must be set in production (at least 8 characters)' })
  SMS_GATEWAY_API_KEY?: string;

  /** Timeout of one SMS gateway call in ms (a timeout is retried). */
  @IsInt({ message: '$property must be a positive integer (ms)' })
  @Min(1, { message: '$property must be a positive integer (ms)' })
  SMS_GATEWAY_TIMEOUT_MS: number = 5000;

  /** Minutes a claimed phone task stays with its agent before it returns to the queue. */
  @IsInt({ message: '$property must be a positive integer (minutes)' })
  @Min(1, { message: '$property must be a positive integer (minutes)' })
  PHONE_TASK_CLAIM_MINUTES: number = 30;

  /** Calls a phone task gets when nobody answers; after the last one it closes as unreachable. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  PHONE_NO_ANSWER_MAX_ATTEMPTS: number = 3;

  /** Minutes before an unanswered call returns to the queue (then moved into the merchant's send window). */
  @IsInt({ message: '$property must be a non-negative integer (minutes)' })
  @Min(0, { message: '$property must be a non-negative integer (minutes)' })
  PHONE_NO_ANSWER_RETRY_MINUTES: number = 240;

  /** Margin guardrail: an offer may cost at most this share of the merchant's trailing 30-day fee revenue. */
  @IsNumber({}, { message: '$property must be a number between 0 and 10' })
  @Min(0, { message: '$property must be a number between 0 and 10' })
  @Max(10, { message: '$property must be a number between 0 and 10' })
  OFFER_MAX_COST_SHARE: number = 0.5;

  get runOutreachWorkers(): boolean {
    return this.RUN_OUTREACH_WORKERS === 'true';
  }

  /** Business hours as [startHour, endHour) in the merchant's local time. */
  get businessHours(): { startHour: number; endHour: number } {
    const [, start, end] = HOURS_RANGE.exec(this.OUTREACH_BUSINESS_HOURS)!;
    return { startHour: Number(start), endHour: Number(end) };
  }

  // ── loyalty, membership and idle terminals ────────────────────────────────────────────────────
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

  // ── care programme (return visits, satisfaction surveys, training offers) ─────────────────────
  /** A new merchant's return visit is due this many days after its first approved trading day (default 30). */
  @IsInt({ message: '$property must be an integer between 1 and 365' })
  @Min(1, { message: '$property must be an integer between 1 and 365' })
  @Max(365, { message: '$property must be an integer between 1 and 365' })
  CARE_NEW_MERCHANT_VISIT_DAYS: number = 30;

  /** Months between return visits of high-value and VIP/gold members (default 3: quarterly). */
  @IsInt({ message: '$property must be an integer between 1 and 24' })
  @Min(1, { message: '$property must be an integer between 1 and 24' })
  @Max(24, { message: '$property must be an integer between 1 and 24' })
  CARE_VIP_VISIT_MONTHS: number = 3;

  /** Months between return visits of other active merchants (default 6; 0 turns them off). */
  @IsInt({ message: '$property must be an integer between 0 and 24' })
  @Min(0, { message: '$property must be an integer between 0 and 24' })
  @Max(24, { message: '$property must be an integer between 0 and 24' })
  CARE_ACTIVE_VISIT_MONTHS: number = 6;

  /** Days a merchant's channel mix is read over to flag low feature use (never used QR; default 28). */
  @IsInt({ message: '$property must be an integer between 7 and 90' })
  @Min(7, { message: '$property must be an integer between 7 and 90' })
  @Max(90, { message: '$property must be an integer between 7 and 90' })
  CARE_TRAINING_LOOKBACK_DAYS: number = 28;

  /** Days a satisfaction survey link stays valid (default 14). */
  @IsInt({ message: '$property must be an integer between 1 and 90' })
  @Min(1, { message: '$property must be an integer between 1 and 90' })
  @Max(90, { message: '$property must be an integer between 1 and 90' })
  CARE_SURVEY_TTL_DAYS: number = 14;

  /** HMAC secret of the survey links. Required in production (a development default otherwise). */
  @ValidateIf((c: ReactivationCampaignsConfig) => isProduction(c) || c.SURVEY_TOKEN_SECRET !== undefined)
  @IsString({ message: '$property must be set in production' })
  @MinLength(16, { message: '$property must be set in production (at least 16 characters)' })
  SURVEY_TOKEN_SECRET?: string;

  /** Public base URL merchants open satisfaction survey links on (this service's `/v1/care/surveys/<token>`). */
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  CARE_SURVEY_PUBLIC_URL: string = 'http://127.0.0.1:3004';

  /** Public base URL of after-sales-tickets: the ticket CSAT links (SurveyRequested) are relative to it. */
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  TICKETS_PUBLIC_URL: string = 'http://127.0.0.1:3005';

  /** How often the care scheduler (visits, quarterly surveys, training offers) runs, in ms (default 1 hour). */
  @IsInt({ message: '$property must be an integer of at least 1000' })
  @Min(1000, { message: '$property must be an integer of at least 1000' })
  CARE_JOBS_EVERY_MS: number = 3_600_000;
}
