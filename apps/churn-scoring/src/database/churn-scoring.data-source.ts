import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { ChurnScoringConfig } from '../config/churn-scoring.config';
import { churnScoringMigrations } from './churn-scoring.migrations';

const config = loadConfig(ChurnScoringConfig);

/** Used by the TypeORM CLI (`nx run churn-scoring:migrate`), as the schema owner — the app itself goes through DatabaseModule. */
export default createServiceDataSource({
  url: config.migrationUrl,
  schema: config.DATABASE_SCHEMA,
  applicationName: 'churn-scoring-migrations',
  migrations: churnScoringMigrations,
});
