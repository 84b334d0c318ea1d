// `backtest --activity <file|db> --truth <json> --as-of D [--horizon 30]`: score vs recency rule.
import { readFileSync } from 'node:fs';
import 'reflect-metadata';
import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { DailyActivity } from '../activity/daily-activity';
import { MerchantActivityRepository } from '../activity/merchant-activity.repository';
import { readActivityFile } from '../backtests/activity-file.reader';
import { BACKTEST_TARGETS, BacktestReport, BacktestTarget, runBacktest } from '../backtests/backtest.runner';
import { earlyWarningTable } from '../backtests/early-warning.table';
import { trainedHazardRanker } from '../backtests/learned-ranker';
import { parseGroundTruth } from '../backtests/ground-truth';
import { ChurnScoringConfig } from '../config/churn-scoring.config';
import { CliIo } from './cli.io';
import { parseFlags, requiredFlag } from './cli-args.parser';
import { EXIT_OK, UsageError } from './usage.error';

export const BACKTEST_USAGE =
  'backtest --activity <file|db> --truth <json> --as-of <YYYY-MM-DD> [--horizon 30] [--target dormant|silence|early-warning] [--active-within 7] [--with hazard]   score vs recency rule (AUC, top-decile lift, calibration; early-warning adds alerts and lead time; --with hazard trains the learned hazard model on the history up to --as-of and compares it too)';

/** Daily activity from the service database (DATABASE_URL / DATABASE_SCHEMA of churn-scoring). */
async function readActivityFromDb(): Promise<Map<string, DailyActivity[]>> {
  const config = loadConfig(ChurnScoringConfig);
  const ds = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    applicationName: 'churn-backtest',
  });
  await ds.initialize();
  try {
    return await new MerchantActivityRepository(ds).loadDailyActivity(null);
  } finally {
    await ds.destroy();
  }
}

function summary(r: BacktestReport): string {
  const f = (v: number) => v.toFixed(3);
  return (
    `backtest (${r.target}): ${r.merchants} merchants, ${r.positives} positives within ${r.horizonDays} days (base rate ${f(r.baseRate)}); ` +
    `score AUC ${f(r.score.auc)} lift ${f(r.score.topDecileLift)} | recency AUC ${f(r.recency.auc)} lift ${f(r.recency.topDecileLift)} | ` +
    `improvement AUC ${r.improvement.auc >= 0 ? '+' : ''}${f(r.improvement.auc)}, lift ${r.improvement.topDecileLift >= 0 ? '+' : ''}${f(r.improvement.topDecileLift)}`
  );
}

/** The command's options, checked. */
function backtestOptions(args: readonly string[]) {
  const flags = parseFlags(args, [
    'activity',
    'truth',
    'as-of',
    'horizon',
    'target',
    'active-within',
    'with',
  ]);
  const target = (flags.get('target') ?? 'dormant') as BacktestTarget;
  if (!BACKTEST_TARGETS.includes(target))
    throw new UsageError(`--target must be one of ${BACKTEST_TARGETS.join(', ')}`);
  const activeWithinDays = Number(flags.get('active-within') ?? 7);
  if (!Number.isInteger(activeWithinDays) || activeWithinDays < 1)
    throw new UsageError('--active-within must be a positive integer');
  const learned = flags.get('with');
  if (learned !== undefined && learned !== 'hazard') throw new UsageError('--with must be hazard');
  const asOfDate = requiredFlag(flags, 'as-of');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfDate))
    throw new UsageError(`--as-of must be YYYY-MM-DD, got '${asOfDate}'`);
  const horizonDays = Number(flags.get('horizon') ?? 30);
  if (!Number.isInteger(horizonDays) || horizonDays < 1)
    throw new UsageError('--horizon must be a positive integer');
  const source = requiredFlag(flags, 'activity');
  const truthFile = requiredFlag(flags, 'truth');
  return { target, activeWithinDays, hazard: learned === 'hazard', asOfDate, horizonDays, source, truthFile };
}

/** Runs the backtest and prints the full report as one JSON line (last stdout line). */
export async function runBacktestCommand(args: readonly string[], io: CliIo): Promise<number> {
  const o = backtestOptions(args);
  const truth = parseGroundTruth(JSON.parse(readFileSync(o.truthFile, 'utf8')));
  const activity = o.source === 'db' ? await readActivityFromDb() : readActivityFile(o.source);
  io.err(`backtest: ${activity.size} merchants of activity, ${truth.length} ground-truth dormancies`);
  const learned = o.hazard ? trainedHazardRanker({ activity, ...o }) : null;
  if (learned) io.err(`hazard model ${learned.summary.version}: ${JSON.stringify(learned.summary.training)}`);
  const report = runBacktest({
    activity,
    truth,
    asOfDate: o.asOfDate,
    horizonDays: o.horizonDays,
    target: o.target,
    earlyWarning: { activeWithinDays: o.activeWithinDays },
    extraRankers: learned ? (population) => [learned.rankerFor(population)] : undefined,
    policy: new ChurnScoringConfig().scoringPolicy,
  });
  io.err(summary(report));
  if (report.earlyWarning) for (const line of earlyWarningTable(report.earlyWarning)) io.err(line);
  io.out(JSON.stringify(learned ? { ...report, hazardModel: learned.summary } : report));
  return EXIT_OK;
}
