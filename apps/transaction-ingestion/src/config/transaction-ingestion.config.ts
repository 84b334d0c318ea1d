import { ServiceConfig } from '@merchant-pulse/platform';

/** TransactionIngestion configuration: environment validated once at boot (a bad value names its key). */
export class TransactionIngestionConfig extends ServiceConfig {
  override PORT: number = 3002;
  override DATABASE_SCHEMA: string = 'transaction_ingestion';
  override DATABASE_URL: string =
    'postgresql://transaction_ingestion:transaction_ingestion@127.0.0.1:5432/merchant_pulse';
}
