import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';

/** MerchantRegistry configuration: environment validated once at boot (a bad value names its key). */
export class MerchantRegistryConfig extends ServiceConfig {
  override PORT: number = 3001;
  override DATABASE_SCHEMA: string = 'merchant_registry';
  override DATABASE_URL: string = localDatabaseUrl('merchant_registry_app');

  /**
   * JSON key ring for PII at rest (AES-256-GCM): `[{"id":"k1","key":"<base64 32 bytes>"}]`, first = primary.
   * Unset outside production: a fixed public development key. Production refuses to start without it.
   */
  @IsOptional()
  @IsString({ message: '$property must be a JSON key ring' })
  PII_ENCRYPTION_KEYS?: string;

  /** Directory of the local object storage for KYC documents (default `.data/registry-objects`). */
  @IsString({ message: '$property must be a directory path' })
  OBJECT_STORAGE_DIR: string = '.data/registry-objects';

  /** Minimum days between announcing a fee increase and its effective date (default 30). */
  @IsInt({ message: '$property must be an integer between 0 and 365' })
  @Min(0, { message: '$property must be an integer between 0 and 365' })
  @Max(365, { message: '$property must be an integer between 0 and 365' })
  FEE_CHANGE_NOTICE_DAYS: number = 30;

  /** How often the fee-plan job applies due changes and expires promotions, in ms (default 5000). */
  @IsInt({ message: '$property must be an integer ≥ 50' })
  @Min(50, { message: '$property must be an integer ≥ 50' })
  FEE_PLAN_JOB_INTERVAL_MS: number = 5000;
}
