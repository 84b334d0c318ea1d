// Early-warning evaluation on simulator worlds: for each world (seed, size), generate its traffic
// in-process (no Kafka), aggregate it into daily activity, train the hazard model on the history up
// to the as-of date, and backtest the early-warning target: hazard model vs the current score vs the
// recency rule (AUC, top-decile lift, ECE, precision/recall at the alert, lead time).
// Usage: node dist/tools/bench/early-warning.bench.js [merchants=600] [days=240] [seeds=101,202,303]
// Prints the table per world on stderr and one JSON line with every figure on stdout.
import type { BgNbdParams } from '@merchant-pulse/bgnbd';
import { addDays, DailyActivity, dayNumber } from '../../apps/churn-scoring/src/activity/daily-activity';
import { BacktestRanker, hazardRanker } from '../../apps/churn-scoring/src/backtests/backtest.rankers';
import { runBacktest } from '../../apps/churn-scoring/src/backtests/backtest.runner';
import { earlyWarningTable } from '../../apps/churn-scoring/src/backtests/early-warning.table';
import { deriveObservedTruth } from '../../apps/churn-scoring/src/backtests/ground-truth';
import { hazardFeatures } from '../../apps/churn-scoring/src/models/hazard/hazard-features';
import { HazardModel, predictHazard } from '../../apps/churn-scoring/src/models/hazard/hazard-model';
import { hazardReasons } from '../../apps/churn-scoring/src/models/hazard/hazard-reasons';
import { trainHazardModel } from '../../apps/churn-scoring/src/models/hazard/hazard-training';
import { DEFAULT_SCORING_POLICY } from '../../apps/churn-scoring/src/risk/scoring/scoring.policy';
import { localDateOf } from '../simulator/sim-calendar';
import { simulateStream } from '../simulator/transaction.stream';
import { generateWorld } from '../simulator/world.generator';
import type { World } from '../simulator/world.types';

const START = '2026-01-05';
const HORIZON = 30;

/**
 * Not a model: a ranker that KNOWS from the simulator's plan whether a merchant is inside its
 * planned decline at the as-of date. Its AUC is the ceiling of any ranker reading the traffic
 * (abrupt stops and declines that have not begun yet give nothing to read).
 */
function precursorOracle(world: World): BacktestRanker {
  const byId = new Map(world.merchants.map((m) => [m.merchantId, m.scenario]));
  return {
    name: 'oracle',
    alertRule: 'inside its planned decline (simulator plan, not observable)',
    rate: ({ merchantId, windows }) => {
      const s = byId.get(merchantId)!;
      const day = dayNumber(windows.asOfDate) - dayNumber(START);
      const declining = s.kind === 'gradual_decline' && day >= s.declineStartDay! && day < s.stopDay!;
      return { ranking: declining ? 1 : 0, probability: declining ? 1 : 0, alert: declining };
    },
  };
}

/** Daily activity per merchant from the world's traffic (approved purchases, declines, card-read failures, card share). */
function simulatedActivity(world: World, days: number): Map<string, DailyActivity[]> {
  const byMerchant = new Map<string, Map<number, DailyActivity>>();
  for (const m of world.merchants) byMerchant.set(m.merchantId, new Map());
  for (const msg of simulateStream(world, { start: START, days })) {
    if (msg.kind !== 'event' || msg.tx!.type !== 'purchase') continue;
    const tx = msg.tx!;
    const perDay = byMerchant.get(msg.key)!;
    let d = perDay.get(msg.day);
    if (!d) {
      d = {
        date: localDateOf(START, msg.day),
        approvedCount: 0,
        declinedCount: 0,
        approvedAmountMinor: 0,
        feeMinor: 0,
        cardReadFailureCount: 0,
        cardApprovedCount: 0,
      };
      perDay.set(msg.day, d);
    }
    if (tx.status === 'approved') {
      d.approvedCount += 1;
      d.approvedAmountMinor += tx.amountMinor;
      if (tx.channel === 'credit' || tx.channel === 'debit') d.cardApprovedCount! += 1;
    } else {
      d.declinedCount += 1;
      if (tx.responseCode === 'CR') d.cardReadFailureCount += 1;
    }
  }
  return new Map([...byMerchant].map(([id, m]) => [id, [...m.values()]]));
}

function evaluateWorld(seed: number, merchants: number, days: number, alertProbability: number) {
  const t0 = Date.now();
  const world = generateWorld({ merchants, seed, horizonDays: days });
  const activity = simulatedActivity(world, days);
  const simulatedMs = Date.now() - t0;
  const dataEnd = addDays(START, days - 1);
  const asOfDate = addDays(dataEnd, -HORIZON - DEFAULT_SCORING_POLICY.dormantAfterDays);
  const truth = deriveObservedTruth(activity, asOfDate, dataEnd, DEFAULT_SCORING_POLICY.dormantAfterDays);
  const t1 = Date.now();
  const model = trainHazardModel({ activity, asOfDate, calibrationWeeks: 4 });
  const trainingMs = Date.now() - t1;
  const report = runBacktest({
    activity,
    truth,
    asOfDate,
    horizonDays: HORIZON,
    target: 'early-warning',
    policy: DEFAULT_SCORING_POLICY,
    extraRankers: (population) => [
      hazardRanker(model, alertProbability, population.params),
      precursorOracle(world),
    ],
  });
  process.stderr.write(
    `\nworld seed ${seed}: ${merchants} merchants × ${days} days, as of ${asOfDate}: ${report.merchants} still trading, ${report.positives} start a dormancy within ${HORIZON} days ` +
      `(simulated in ${simulatedMs} ms, trained in ${trainingMs} ms on ${model.training.rows} merchant-weeks / ${model.training.positives} positives)\n` +
      earlyWarningTable(report.earlyWarning!).join('\n') +
      '\n',
  );
  const flagged = topFlagged(activity, model, asOfDate, report.model.params);
  for (const f of flagged)
    process.stderr.write(`  ${f.merchantId} pDormant30d ${f.pDormant30d}: ${f.reasons.join('; ')}\n`);
  return { seed, merchants, days, asOfDate, simulatedMs, trainingMs, model, report, flagged };
}

/** The three merchants still trading with the highest pDormant30d, with the model's reasons. */
function topFlagged(
  activity: Map<string, DailyActivity[]>,
  model: HazardModel,
  asOfDate: string,
  population: BgNbdParams,
) {
  const scored = [...activity].flatMap(([merchantId, days]) => {
    const f = hazardFeatures(days, asOfDate, population);
    if (!f || f.evidence.daysSinceLast >= 7) return [];
    const p = predictHazard(model, f);
    return [
      {
        merchantId,
        pDormant30d: Math.round(p.pDormant30d * 1000) / 1000,
        reasons: hazardReasons(p.drivers, f.evidence).map((r) => r.message),
      },
    ];
  });
  return scored.sort((a, b) => b.pDormant30d - a.pDormant30d).slice(0, 3);
}

function main(): void {
  const merchants = Number(process.argv[2] ?? 600);
  const days = Number(process.argv[3] ?? 240);
  const seeds = (process.argv[4] ?? '101,202,303').split(',').map(Number);
  const alertProbability = Number(process.env.ALERT_PROBABILITY ?? 0.15);
  const worlds = seeds.map((seed) => evaluateWorld(seed, merchants, days, alertProbability));
  process.stdout.write(JSON.stringify({ alertProbability, worlds }) + '\n');
}

main();
