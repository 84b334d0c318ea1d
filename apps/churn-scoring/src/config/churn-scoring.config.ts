import { ServiceConfig } from '@merchant-pulse/platform';

/** ChurnScoring configuration: environment validated once at boot (a bad value names its key). */
export class ChurnScoringConfig extends ServiceConfig {
  override PORT: number = 3003;
  override DATABASE_SCHEMA: string = 'churn_scoring';
  override DATABASE_URL: string = 'postgresql://churn_scoring:churn_scoring@127.0.0.1:5432/merchant_pulse';
}
