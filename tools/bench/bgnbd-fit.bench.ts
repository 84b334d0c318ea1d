// Benchmark: warm BG/NBD fits on the CDNOW calibration summary (2,357 customers).
// Usage: node dist/tools/bench/bgnbd-fit.bench.js [path/to/summary.csv]
// Prints diagnostics on stderr and one JSON line {"ms":<median warm fit ms>,"iterations":<BFGS iterations>}.
// Budget: under 200 ms on the 2-core dev machine.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fitBgNbd, readSummaryCsv } from '@merchant-pulse/bgnbd';

const WARM_UP_RUNS = 10;
const TIMED_RUNS = 20;

/** CDNOW_DIR, or the shipped <repoRoot>/libs/bgnbd/test-data with repoRoot the nearest folder holding nx.json. */
function defaultSummaryPath(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const cdnowDir = process.env.CDNOW_DIR ?? join(dir, 'libs', 'bgnbd', 'test-data');
  return join(cdnowDir, 'cdnow_customers_summary.csv');
}

function median(values: number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const path = process.argv[2] ?? defaultSummaryPath();
  if (!existsSync(path)) {
    console.error(`bgnbd-fit bench: ${path} not found (pass a summary CSV or set CDNOW_DIR)`);
    process.exitCode = 1;
    return;
  }
  const customers = readSummaryCsv(path);
  for (let i = 0; i < WARM_UP_RUNS; i++) fitBgNbd(customers);
  const runs = Array.from({ length: TIMED_RUNS }, () => fitBgNbd(customers));
  const last = runs[runs.length - 1];
  console.error(
    `bgnbd-fit bench: ${customers.length} customers, ${TIMED_RUNS} warm fits, ` +
      `min ${Math.min(...runs.map((r) => r.ms)).toFixed(2)} ms, max ${Math.max(...runs.map((r) => r.ms)).toFixed(2)} ms, ` +
      `LL ${last.logLikelihood.toFixed(3)}, params ${JSON.stringify(last.params)}`,
  );
  console.log(
    JSON.stringify({
      ms: Math.round(median(runs.map((r) => r.ms)) * 1000) / 1000,
      iterations: last.iterations,
    }),
  );
}

main();
