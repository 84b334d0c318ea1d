import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { MerchantRegistryConfig } from './config/merchant-registry.config';

runHttpService(() => {
  const config = loadConfig(MerchantRegistryConfig);
  return { module: AppModule.forRoot(config), service: 'merchant-registry', config };
});
