import { BaseServiceConfig } from '@merchant-pulse/config';
import { compareSync } from 'bcryptjs';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, NotEquals, ValidateIf } from 'class-validator';
import {
  ConsoleAccount,
  DEVELOPMENT_ACCOUNTS,
  developmentPassword,
  parseConsoleUsers,
} from './console-users';
import { ParsesWith } from './json-setting.validator';
import {
  ConsoleServiceKeys,
  DEVELOPMENT_SERVICE_KEYS,
  SERVICE_KEY_MIN_LENGTH,
  parseServiceKeys,
} from './service-keys';

/** The public session secret of development and tests; production refuses it. */
export const DEVELOPMENT_SESSION_SECRET = 'merchant-pulse-development-console-session-secret';

const HTTP_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/;
const isProduction = (config: object): boolean => (config as OpsConsoleConfig).NODE_ENV === 'production';

/** Production refuses accounts whose password is the committed development one. */
function parseUsersSetting(raw: string, config: object): ConsoleAccount[] {
  const accounts = parseConsoleUsers(raw);
  if (!isProduction(config)) return accounts;
  const devHashes = new Set(DEVELOPMENT_ACCOUNTS.map((a) => a.passwordHash));
  for (const account of accounts) {
    if (
      devHashes.has(account.passwordHash) ||
      compareSync(developmentPassword(account.username), account.passwordHash)
    )
      throw new Error(`account "${account.username}" has the public development password`);
  }
  return accounts;
}

/** ops-console (BFF) configuration: environment validated once at boot (a bad value names its key). */
export class OpsConsoleConfig extends BaseServiceConfig {
  override PORT: number = 3006;

  /**
   * Local accounts: JSON `[{"username","displayName","role","passwordHash","locale"?}]` (bcrypt hashes).
   * Unset outside production: one development account per role (password `pulse-dev-<username>`);
   * production refuses to start without it, or with an account whose password is the development one.
   */
  @ValidateIf((c: OpsConsoleConfig) => isProduction(c) || c.CONSOLE_USERS !== undefined)
  @ParsesWith(parseUsersSetting, {})
  CONSOLE_USERS?: string;

  /**
   * One API-key secret per role, JSON `{"activation_agent":"…",…,"read_only":"…"}`; each service's
   * `API_KEYS` holds their hashes (id `ops-console-<role>`). Unset outside production: public development
   * secrets; production requires it with generated secrets of at least 32 characters.
   */
  @ValidateIf((c: OpsConsoleConfig) => isProduction(c) || c.CONSOLE_SERVICE_KEYS !== undefined)
  @ParsesWith((raw, c) => parseServiceKeys(raw, isProduction(c) ? SERVICE_KEY_MIN_LENGTH : 1))
  CONSOLE_SERVICE_KEYS?: string;

  /** Keys the Redis session ids (at least 32 printable characters); production refuses the development one. */
  @Matches(/^[\x21-\x7e]{32,}$/, { message: '$property must be at least 32 printable characters' })
  @ValidateIf((c: OpsConsoleConfig) => isProduction(c))
  @NotEquals(DEVELOPMENT_SESSION_SECRET, {
    message: '$property is the public development secret: set a generated one when NODE_ENV=production',
  })
  SESSION_SECRET: string = DEVELOPMENT_SESSION_SECRET;

  /** A session ends after this many seconds without a request (sliding; default 30 minutes). */
  @IsInt({ message: '$property must be an integer between 1 and 86400' })
  @Min(1, { message: '$property must be an integer between 1 and 86400' })
  @Max(86_400, { message: '$property must be an integer between 1 and 86400' })
  SESSION_IDLE_SECONDS: number = 1800;

  /** A session ends this many seconds after sign-in whatever the activity (default 12 hours). */
  @IsInt({ message: '$property must be an integer between 1 and 604800' })
  @Min(1, { message: '$property must be an integer between 1 and 604800' })
  @Max(604_800, { message: '$property must be an integer between 1 and 604800' })
  SESSION_MAX_SECONDS: number = 43_200;

  /** Failed sign-ins per username within the window before 429 (default 5). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  LOGIN_MAX_FAILURES_PER_USERNAME: number = 5;

  /** Failed sign-ins per client IP within the window before 429 (default 20). */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  LOGIN_MAX_FAILURES_PER_IP: number = 20;

  /** Length of the sign-in rate-limit window, in seconds (default 15 minutes). */
  @IsInt({ message: '$property must be an integer between 1 and 86400' })
  @Min(1, { message: '$property must be an integer between 1 and 86400' })
  @Max(86_400, { message: '$property must be an integer between 1 and 86400' })
  LOGIN_WINDOW_SECONDS: number = 900;

  /** Sign-in audit entries kept in the Redis stream (oldest trimmed; default 100,000). */
  @IsInt({ message: '$property must be an integer of at least 100' })
  @Min(100, { message: '$property must be an integer of at least 100' })
  SIGN_IN_AUDIT_MAX_ENTRIES: number = 100_000;

  /** Prefix of every Redis key the console writes (tests use one per run). */
  @Matches(/^[a-zA-Z0-9:._-]+$/, {
    message: '$property may contain only letters, digits, ":", ".", "_" and "-"',
  })
  CONSOLE_REDIS_PREFIX: string = 'pulse:console:';

  /** Base URL of merchant-registry. */
  @Matches(HTTP_URL, { message: '$property must be an http(s) URL' })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';

  /** Base URL of transaction-ingestion. */
  @Matches(HTTP_URL, { message: '$property must be an http(s) URL' })
  INGESTION_URL: string = 'http://127.0.0.1:3002';

  /** Base URL of churn-scoring. */
  @Matches(HTTP_URL, { message: '$property must be an http(s) URL' })
  CHURN_URL: string = 'http://127.0.0.1:3003';

  /** Base URL of reactivation-campaigns. */
  @Matches(HTTP_URL, { message: '$property must be an http(s) URL' })
  CAMPAIGNS_URL: string = 'http://127.0.0.1:3004';

  /** Base URL of after-sales-tickets. */
  @Matches(HTTP_URL, { message: '$property must be an http(s) URL' })
  TICKETS_URL: string = 'http://127.0.0.1:3005';

  /** How long a proxied call may take before the console answers 504, in ms (default 15,000). */
  @IsInt({ message: '$property must be an integer between 100 and 300000' })
  @Min(100, { message: '$property must be an integer between 100 and 300000' })
  @Max(300_000, { message: '$property must be an integer between 100 and 300000' })
  PROXY_TIMEOUT_MS: number = 15_000;

  /** Directory of the built web app (default `dist/apps/ops-console/web` under the working directory). */
  @IsOptional()
  @Matches(/\S/, { message: '$property must be a directory path' })
  CONSOLE_WEB_DIR?: string;

  /**
   * Express `trust proxy`: `false` (default: the client IP is the socket's) or the number of proxies in
   * front (e.g. `1` behind one ingress), so sign-in limits and audit see the real client IP.
   */
  @IsIn(['false', '1', '2', '3'], { message: '$property must be false, 1, 2 or 3' })
  TRUST_PROXY: string = 'false';

  /** The accounts (development ones when `CONSOLE_USERS` is unset outside production). */
  get accounts(): readonly ConsoleAccount[] {
    return this.CONSOLE_USERS === undefined ? DEVELOPMENT_ACCOUNTS : parseConsoleUsers(this.CONSOLE_USERS);
  }

  /** The role secrets (development ones when `CONSOLE_SERVICE_KEYS` is unset outside production). */
  get serviceKeys(): ConsoleServiceKeys {
    return this.CONSOLE_SERVICE_KEYS === undefined
      ? DEVELOPMENT_SERVICE_KEYS
      : parseServiceKeys(this.CONSOLE_SERVICE_KEYS);
  }

  /** Whether cookies carry `Secure` (production: HTTPS only). */
  get secureCookies(): boolean {
    return this.NODE_ENV === 'production';
  }
}
