import { ServiceConfig } from '@merchant-pulse/platform';

/** MerchantRegistry configuration: environment validated once at boot (a bad value names its key). */
export class MerchantRegistryConfig extends ServiceConfig {
  override PORT: number = 3001;
  override DATABASE_SCHEMA: string = 'merchant_registry';
  override DATABASE_URL: string =
    'postgresql://merchant_registry:merchant_registry@127.0.0.1:5432/merchant_pulse';
}
