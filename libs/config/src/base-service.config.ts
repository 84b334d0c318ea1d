// Decorator metadata (design:type) drives implicit conversion; it must be loaded before any schema class.
import 'reflect-metadata';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsApiKeysJson } from './api-keys.validator';

/** Runtime modes. `production` refuses to start without `API_KEYS`. */
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** pino levels accepted by `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Shortest `METRICS_TOKEN` accepted: 32 printable characters (e.g. `openssl rand -base64 32`). */
export const METRICS_TOKEN_MIN_LENGTH = 32;

const BROKER_LIST = /^\s*[^,\s]+:\d{1,5}\s*(,\s*[^,\s]+:\d{1,5}\s*)*$/;

/**
 * The environment every service reads (DESIGN.md, operating contract). Each service extends it,
 * declares its own `DATABASE_URL` (with its local default) and sets its port, e.g.
 *
 * ```ts
 * export class MerchantRegistryConfig extends BaseServiceConfig {
 *   override PORT = 3001;
 *   @IsString() DATABASE_URL = 'postgres://merchant_registry@127.0.0.1:5432/merchant_pulse';
 * }
 * const config = loadConfig(MerchantRegistryConfig);
 * ```
 *
 * Every default is a local one, so nothing must be set on a developer machine. Annotate every decorated
 * property's type explicitly (`PORT: number = 1`): SWC emits the `design:type` that drives conversion only
 * from annotations, not from initialisers.
 */
export class BaseServiceConfig {
  /** Runtime mode: `development` (default), `test` or `production`. */
  @IsIn(NODE_ENVS, { message: `$property must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: NodeEnv = 'development';

  /** pino log level (default `info`). */
  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** HTTP port. No shared default: each service sets its own (DESIGN.md table) with `override PORT = …`. */
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  PORT: number;

  /** Interface to listen on (default `127.0.0.1`; `0.0.0.0` in containers). */
  @IsString({ message: '$property must be a host name or IP address' })
  @IsNotEmpty({ message: '$property must be a host name or IP address' })
  HOST: string = '127.0.0.1';

  /** Comma-separated Kafka bootstrap brokers as `host:port` (default `127.0.0.1:9092`). See {@link kafkaBrokers}. */
  @Matches(BROKER_LIST, { message: '$property must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** SASL/SCRAM-SHA-512 user for Kafka (Kubernetes: the service's KafkaUser); unset → no SASL. */
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @IsNotEmpty({ message: '$property must not be empty' })
  KAFKA_SASL_USERNAME?: string;

  /** Password of {@link KAFKA_SASL_USERNAME} (Strimzi writes it to the user's Secret, key `password`). */
  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SASL_USERNAME !== undefined)
  @IsString({ message: '$property must be set when KAFKA_SASL_USERNAME is' })
  @IsNotEmpty({ message: '$property must be set when KAFKA_SASL_USERNAME is' })
  KAFKA_SASL_PASSWORD?: string;

  /** PEM file of the CA the brokers' TLS certificates chain to; set → TLS to Kafka. */
  @IsOptional()
  @IsString({ message: '$property must be a file path' })
  KAFKA_SSL_CA_FILE?: string;

  /** Redis connection URL (default `redis://127.0.0.1:6379`). */
  @Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /**
   * Optional JSON array `[{"id":"ops-dashboard","sha256":"<hex sha256 of the secret>","scopes":["merchants:read"]}]`.
   * Unset: development/test generate one `*` key and log it at boot; production refuses to start.
   */
  @IsOptional()
  @IsApiKeysJson()
  API_KEYS?: string;

  /** Requests per minute allowed per API key (or per client IP when unauthenticated), default 1200. */
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /**
   * Who may read the OpenAPI document (`/docs`, `/docs-json`): `true` → anyone; `false` → only API keys
   * with scope `docs:read` (others get 401/403). Unset: `true` outside production, `false` in production.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  PUBLIC_DOCS?: string;

  /**
   * Bearer token the metrics scraper sends (`Authorization: Bearer <token>`) to read `GET /metrics`.
   * Required in production (at least {@link METRICS_TOKEN_MIN_LENGTH} printable characters);
   * unset outside production, `/metrics` is public.
   */
  @ValidateIf(
    (config: BaseServiceConfig) => config.NODE_ENV === 'production' || config.METRICS_TOKEN !== undefined,
  )
  @Matches(/^[\x21-\x7e]{32,}$/, {
    message: `$property must be set in production: at least ${METRICS_TOKEN_MIN_LENGTH} printable characters without spaces`,
  })
  METRICS_TOKEN?: string;

  /** `KAFKA_BROKERS` split into a list, e.g. `['127.0.0.1:9092']`. */
  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== '');
  }
}

/** Whether `/docs` and `/docs-json` are open to anyone (see {@link BaseServiceConfig.PUBLIC_DOCS}). */
export function docsArePublic(config: Pick<BaseServiceConfig, 'NODE_ENV' | 'PUBLIC_DOCS'>): boolean {
  return (config.PUBLIC_DOCS ?? (config.NODE_ENV === 'production' ? 'false' : 'true')) === 'true';
}
