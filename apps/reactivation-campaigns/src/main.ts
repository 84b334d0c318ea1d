import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { ReactivationCampaignsConfig } from './config/reactivation-campaigns.config';

runHttpService(() => {
  const config = loadConfig(ReactivationCampaignsConfig);
  return { module: AppModule.forRoot(config), service: 'reactivation-campaigns', config };
});
