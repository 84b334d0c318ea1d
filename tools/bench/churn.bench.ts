// Benchmark: rescore 100,000 merchants (features from daily activity, BG/NBD P(alive), reasons, tiers,
// upserts, history and outbox events for changes) in a throw-away bench schema.
// Usage: node dist/tools/bench/churn.bench.js [merchants=100000]
// Prints progress on stderr and one JSON line with the figures. Goal: < 30 s for 100,000 on 2 cores.
import 'reflect-metadata';
import { FakeClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { createLogger, MetricsService } from '@merchant-pulse/observability';
import { MerchantActivityRepository } from '../../apps/churn-scoring/src/activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../apps/churn-scoring/src/config/churn-scoring.config';
import { churnScoringMigrations } from '../../apps/churn-scoring/src/database/churn-scoring.migrations';
import { ModelVersionRepository } from '../../apps/churn-scoring/src/models/model-version.repository';
import { RefitPopulationModelUseCase } from '../../apps/churn-scoring/src/models/use-cases/refit-population-model/refit-population-model.use-case';
import { RefitPopulationModelCommand } from '../../apps/churn-scoring/src/models/use-cases/refit-population-model/refit-population-model.command';
import { MerchantRiskRepository } from '../../apps/churn-scoring/src/risk/merchant-risk.repository';
import { RiskMetrics } from '../../apps/churn-scoring/src/risk/risk.metrics';
import { RescoreAllMerchantsUseCase } from '../../apps/churn-scoring/src/risk/use-cases/rescore-merchants/rescore-all-merchants.use-case';
import { RescoreMerchantsUseCase } from '../../apps/churn-scoring/src/risk/use-cases/rescore-merchants/rescore-merchants.use-case';
import { MerchantSignalsRepository } from '../../apps/churn-scoring/src/signals/merchant-signals.repository';
import { addDays } from '../../apps/churn-scoring/src/activity/daily-activity';
import { HazardModelRepository } from '../../apps/churn-scoring/src/models/hazard-model.repository';
import { HazardModel } from '../../apps/churn-scoring/src/models/hazard/hazard-model';
import { populationAt, trainHazardModel } from '../../apps/churn-scoring/src/models/hazard/hazard-training';
import { MerchantContextRepository } from '../../apps/churn-scoring/src/signals/merchant-context.repository';
import { generateWorld } from '../simulator/world.generator';
import { simulatedActivity, simulatedContexts, START } from './early-warning/early-warning.world';
import { seedBenchActivity } from './churn/churn-bench.seed';

const AS_OF = '2026-03-01';

/** A hazard model trained on the street:101 simulator world (600 merchants × 240 days). */
function trainOnSimulatedWorld(): HazardModel {
  const days = 240;
  const world = generateWorld({ merchants: 600, seed: 101, horizonDays: days, mix: 'street', start: START });
  const activity = simulatedActivity(world, days);
  const asOfDate = addDays(START, days - 1);
  const model = trainHazardModel({ activity, asOfDate, contexts: simulatedContexts(world) });
  return { ...model, servingPopulation: populationAt(activity, asOfDate, model.population?.kind ?? 'bgnbd') };
}

async function main(): Promise<void> {
  const merchants = Number(process.argv[2] ?? 100_000);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
  const schema = `bench_churn_${Date.now().toString(36)}`;
  const config = loadConfig(ChurnScoringConfig, {
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    RUN_JOBS: 'false',
  });
  const admin = createServiceDataSource({ url, schema: 'public', applicationName: 'churn-bench-admin' });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const ds = createServiceDataSource({
    url,
    schema,
    applicationName: 'churn-bench',
    migrations: churnScoringMigrations,
  });
  await ds.initialize();
  try {
    await ds.runMigrations();
    let t = performance.now();
    const rows = await seedBenchActivity(ds, merchants, AS_OF);
    console.error(
      `churn bench: seeded ${merchants} merchants, ${rows} activity rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const metrics = new RiskMetrics(new MetricsService({ defaultMetrics: false }));
    const activity = new MerchantActivityRepository(ds);
    const refit = new RefitPopulationModelUseCase(
      activity,
      new ModelVersionRepository(ds),
      clock,
      createLogger({ service: 'churn-bench', level: 'warn' }),
    );
    t = performance.now();
    const model = await refit.execute(new RefitPopulationModelCommand(AS_OF));
    const fitSeconds = (performance.now() - t) / 1000;
    console.error(
      `churn bench: model ${model.version} (${model.source}) in ${fitSeconds.toFixed(2)} s: ${JSON.stringify(model.params)}`,
    );
    // The hazard model rescoring serves: trained on a simulator world (the bench's seeded history is too
    // short to label: 84 days), stored as the current version, so every merchant gets pDormant30d and reasons.
    t = performance.now();
    const hazardModel = trainOnSimulatedWorld();
    const trainingSeconds = (performance.now() - t) / 1000;
    const hazards = new HazardModelRepository(ds);
    const hazardVersion = await hazards.save(
      hazardModel,
      { bench: true },
      AS_OF,
      clock.now().toISOString(),
      true,
    );
    console.error(
      `churn bench: hazard model ${hazardVersion.version} trained in ${trainingSeconds.toFixed(1)} s on ${hazardModel.training.rows} merchant-weeks (simulator world street:101, 600 merchants × 240 days)`,
    );
    const rescore = new RescoreMerchantsUseCase(
      ds,
      activity,
      new MerchantSignalsRepository(),
      new MerchantRiskRepository(ds),
      refit,
      config,
      clock,
      metrics,
      hazards,
      new MerchantContextRepository(ds),
    );
    const all = new RescoreAllMerchantsUseCase(activity, rescore, refit, config, metrics);
    const run = async (label: string, asOfDate: string) => {
      const started = performance.now();
      const outcome = await all.execute(asOfDate);
      const seconds = (performance.now() - started) / 1000;
      console.error(
        `churn bench: ${label}: ${outcome.scored} scored, ${outcome.changed} changed (events) in ${seconds.toFixed(2)} s`,
      );
      return { seconds: Number(seconds.toFixed(2)), scored: outcome.scored, changed: outcome.changed };
    };
    const first = await run('first rescore (every merchant emits MerchantRiskChanged)', AS_OF);
    clock.advanceDays(1);
    const next = await run('next day rescore (only changes emit)', '2026-03-02');
    console.log(
      JSON.stringify({
        merchants,
        activityRows: rows,
        fitSeconds: Number(fitSeconds.toFixed(2)),
        hazardModel: hazardVersion.version,
        hazardTrainingSeconds: Number(trainingSeconds.toFixed(1)),
        firstRescore: first,
        nextDayRescore: next,
        goalSeconds: 30,
      }),
    );
  } finally {
    await ds.destroy();
    if (!process.env.KEEP_BENCH_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
