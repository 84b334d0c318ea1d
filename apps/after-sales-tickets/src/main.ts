import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { AfterSalesTicketsConfig } from './config/after-sales-tickets.config';

runHttpService(() => {
  const config = loadConfig(AfterSalesTicketsConfig);
  return { module: AppModule.forRoot(config), service: 'after-sales-tickets', config };
});
