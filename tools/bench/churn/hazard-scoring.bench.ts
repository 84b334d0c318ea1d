// CPU-only benchmark of the hazard model's rescoring step (no database): packed recent days →
// features → pDormant30d → reasons, per merchant (earlyWarningOf, the training/backtest path) and on
// flat arrays in chunks of 2,000 (earlyWarningsOfMatrix, the rescoring path). Same warnings from both.
// Usage: node dist/tools/bench/churn/hazard-scoring.bench.js [merchants=100000]
import { seededRandom } from '@merchant-pulse/bgnbd';
import { dateOfDay, dayNumber } from '../../../apps/churn-scoring/src/activity/daily-activity';
import { RecentActivityMatrix } from '../../../apps/churn-scoring/src/activity/recent-activity.matrix';
import {
  HAZARD_FEATURES,
  HAZARD_LOOKBACK_DAYS,
  PopulationParams,
} from '../../../apps/churn-scoring/src/models/hazard/hazard-features';
import { HazardModel } from '../../../apps/churn-scoring/src/models/hazard/hazard-model';
import {
  earlyWarningOf,
  earlyWarningsOfMatrix,
} from '../../../apps/churn-scoring/src/risk/scoring/early-warning';

const AS_OF = '2026-03-01';
const CHUNK = 2000;

function main(): void {
  const merchants = Number(process.argv[2] ?? 100_000);
  const random = seededRandom(1);
  const model: HazardModel = {
    version: 'bench',
    kind: 'logistic-hazard',
    features: HAZARD_FEATURES,
    means: HAZARD_FEATURES.map(() => 0),
    sds: HAZARD_FEATURES.map(() => 1),
    intercept: -1,
    coefficients: HAZARD_FEATURES.map(() => random() - 0.5),
    platt: { a: 1, b: 0 },
    lambda: 1,
    horizonDays: 30,
    training: {
      asOfDates: [],
      calibrationAsOfDates: [],
      rows: 0,
      positives: 0,
      calibrationRows: 0,
      calibrationPositives: 0,
    },
  };
  const population: PopulationParams = { bgbb: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 } };
  // The bench:churn seed's shape: 84 days, activity rate 0.2–1.2 by merchant.
  const ids: string[] = [];
  const packed: string[] = [];
  for (let i = 0; i < merchants; i++) {
    ids.push(`B${i}`);
    const p = 0.2 + (i % 17) / 17;
    const parts: string[] = [];
    for (let age = 0; age < 84; age++) {
      if (random() >= p) continue;
      const c = 1 + Math.round(random() * 30);
      parts.push([age, c, Math.floor(c / 20), c * 4800, c * 29, Math.floor(c / 50)].join(','));
    }
    packed.push(parts.join(';'));
  }
  const t = dayNumber(AS_OF);
  let started = performance.now();
  let perMerchant = 0;
  for (let i = 0; i < merchants; i++) {
    const days = packed[i].split(';').map((item) => {
      const [age, approved, declined, amount, fee, failures] = item.split(',').map(Number);
      return {
        date: dateOfDay(t - age),
        approvedCount: approved,
        declinedCount: declined,
        approvedAmountMinor: amount,
        feeMinor: fee,
        cardReadFailureCount: failures,
      };
    });
    const w = earlyWarningOf({
      model,
      days,
      asOfDate: AS_OF,
      population,
      context: { closures: [] },
      summary: null,
    });
    if (w) perMerchant += 1;
  }
  const perMerchantSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  let matrix = 0;
  for (let from = 0; from < merchants; from += CHUNK) {
    const chunk = ids.slice(from, from + CHUNK);
    const m = new RecentActivityMatrix(chunk, AS_OF, HAZARD_LOOKBACK_DAYS);
    chunk.forEach((_, row) => m.setPacked(row, packed[from + row]));
    matrix += earlyWarningsOfMatrix({ model, activity: m, population, contexts: new Map() }).size;
  }
  const matrixSeconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      merchants,
      perMerchantSeconds: Number(perMerchantSeconds.toFixed(2)),
      flatArraySeconds: Number(matrixSeconds.toFixed(2)),
      warnings: { perMerchant, flatArray: matrix },
    }),
  );
}

main();
