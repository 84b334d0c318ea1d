import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { ServicePlatformModule } from '@merchant-pulse/platform';
import { RecordMerchantActivityConsumer } from './activity/consumers/record-merchant-activity.consumer';
import { MerchantActivityRepository } from './activity/merchant-activity.repository';
import { RecordMerchantActivityUseCase } from './activity/use-cases/record-merchant-activity/record-merchant-activity.use-case';
import { BacktestsController } from './backtests/backtests.controller';
import { RunBacktestUseCase } from './backtests/use-cases/run-backtest/run-backtest.use-case';
import { ChurnScoringConfig } from './config/churn-scoring.config';
import { churnScoringMigrations } from './database/churn-scoring.migrations';
import { HazardModelRepository } from './models/hazard-model.repository';
import { ModelVersionRepository } from './models/model-version.repository';
import { RetrainHazardModelUseCase } from './models/use-cases/retrain-hazard-model/retrain-hazard-model.use-case';
import { MerchantContextRepository } from './signals/merchant-context.repository';
import { ModelsController } from './models/models.controller';
import { RefitPopulationModelUseCase } from './models/use-cases/refit-population-model/refit-population-model.use-case';
import { ScoringJobs } from './risk/jobs/scoring.jobs';
import { MerchantRiskRepository } from './risk/merchant-risk.repository';
import { RiskController } from './risk/risk.controller';
import { RiskMetrics } from './risk/risk.metrics';
import { GetMerchantRiskUseCase } from './risk/use-cases/get-merchant-risk/get-merchant-risk.use-case';
import { ListMerchantRisksUseCase } from './risk/use-cases/list-merchant-risks/list-merchant-risks.use-case';
import { ListRiskRegionsUseCase } from './risk/use-cases/list-risk-regions/list-risk-regions.use-case';
import { RescoreAllMerchantsUseCase } from './risk/use-cases/rescore-merchants/rescore-all-merchants.use-case';
import { RescoreTouchedMerchants } from './risk/use-cases/rescore-merchants/rescore-merchants-now';
import { RescoreMerchantsUseCase } from './risk/use-cases/rescore-merchants/rescore-merchants.use-case';
import { TrackMerchantLifecycleConsumer } from './signals/consumers/track-merchant-lifecycle.consumer';
import { TrackSupportTicketsConsumer } from './signals/consumers/track-support-tickets.consumer';
import { TrackTerminalHealthConsumer } from './signals/consumers/track-terminal-health.consumer';
import { MerchantSignalsRepository } from './signals/merchant-signals.repository';
import { RecordMerchantSignalsUseCase } from './signals/use-cases/record-merchant-signals/record-merchant-signals.use-case';

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
          consumes: [
            Topics.MerchantActivity,
            Topics.MerchantLifecycle,
            Topics.TerminalHealth,
            Topics.SupportTickets,
          ],
        }),
      ],
      controllers: [RiskController, ModelsController, BacktestsController],
      providers: [
        MerchantActivityRepository,
        MerchantSignalsRepository,
        MerchantRiskRepository,
        ModelVersionRepository,
        HazardModelRepository,
        MerchantContextRepository,
        RetrainHazardModelUseCase,
        RiskMetrics,
        RefitPopulationModelUseCase,
        RescoreMerchantsUseCase,
        RescoreAllMerchantsUseCase,
        RescoreTouchedMerchants,
        RecordMerchantActivityUseCase,
        RecordMerchantSignalsUseCase,
        GetMerchantRiskUseCase,
        ListMerchantRisksUseCase,
        ListRiskRegionsUseCase,
        RunBacktestUseCase,
        ScoringJobs,
        RecordMerchantActivityConsumer,
        TrackMerchantLifecycleConsumer,
        TrackTerminalHealthConsumer,
        TrackSupportTicketsConsumer,
      ],
    };
  }
}
