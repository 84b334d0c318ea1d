import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { OpsConsoleConfig } from './config/ops-console.config';

runHttpService(() => {
  const config = loadConfig(OpsConsoleConfig);
  return { module: AppModule.forRoot(config), service: 'ops-console', config };
});
