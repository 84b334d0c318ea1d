// Benchmark: warm BG/BB fits on the donations RF table (11,104 supporters in 22 patterns).
// Usage: node dist/tools/bench/bgbb-fit.bench.js [path/to/rf-table.csv]
// Prints diagnostics on stderr and one JSON line {"ms":<median warm fit ms>,"iterations":<BFGS iterations>}.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fitBgBb, readRfSummaryCsv } from '@merchant-pulse/bgnbd';

const WARM_UP_RUNS = 10;
const TIMED_RUNS = 50;

/** libs/bgnbd/test-data/donations_summary.csv under the nearest folder holding nx.json. */
function defaultTablePath(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'libs', 'bgnbd', 'test-data', 'donations_summary.csv');
}

function median(values: number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const path = process.argv[2] ?? defaultTablePath();
  const table = existsSync(path) ? readRfSummaryCsv(path) : null;
  if (!table?.ok) {
    console.error(`bgbb-fit bench: ${path} ${table ? table.errors.join('; ') : 'not found'}`);
    process.exitCode = 1;
    return;
  }
  const first = fitBgBb(table.patterns);
  for (let i = 1; i < WARM_UP_RUNS; i++) fitBgBb(table.patterns);
  const runs = Array.from({ length: TIMED_RUNS }, () => fitBgBb(table.patterns));
  const last = runs[runs.length - 1];
  console.error(
    `bgbb-fit bench: ${last.customerCount} customers in ${table.patterns.length} patterns, ` +
      `first (cold) fit ${first.ms.toFixed(2)} ms, ${TIMED_RUNS} warm fits min ${Math.min(...runs.map((r) => r.ms)).toFixed(2)} ms, ` +
      `max ${Math.max(...runs.map((r) => r.ms)).toFixed(2)} ms, LL ${last.logLikelihood.toFixed(3)}, ` +
      `params ${JSON.stringify(last.params)}`,
  );
  console.log(
    JSON.stringify({
      ms: Math.round(median(runs.map((r) => r.ms)) * 1000) / 1000,
      iterations: last.iterations,
    }),
  );
}

main();
