import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { ChurnScoringConfig } from './config/churn-scoring.config';

runHttpService(() => {
  const config = loadConfig(ChurnScoringConfig);
  return { module: AppModule.forRoot(config), service: 'churn-scoring', config };
});
