import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { runHttpService } from '@merchant-pulse/http';
import { AppModule } from './app.module';
import { TransactionIngestionConfig } from './config/transaction-ingestion.config';

runHttpService(() => {
  const config = loadConfig(TransactionIngestionConfig);
  return { module: AppModule.forRoot(config), service: 'transaction-ingestion', config };
});
