import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { ChurnScoringConfig } from './config/churn-scoring.config';
import { churnScoringMigrations } from './database/churn-scoring.migrations';

/** Merchant features, BG/NBD model, risk scores, tiers and reasons. */
@Module({})
export class AppModule {
  static forRoot(config: ChurnScoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'churn-scoring',
          config,
          schema: config.DATABASE_SCHEMA,
          migrations: churnScoringMigrations,
        }),
      ],
    };
  }
}
