// Early-warning evaluation on simulator worlds: for each world (seed, size), generate its traffic
// in-process (no Kafka), aggregate it into daily activity, train the hazard model on the history up
// to the as-of date, and backtest the early-warning target: hazard model vs the current score vs the
// recency rule (AUC, top-decile lift, ECE, precision/recall at the alert, lead time).
// Usage: node dist/tools/bench/early-warning.bench.js [merchants=600] [days=240] [worlds=street:101,festival:202,decline:303]
// (a world is mix:seed; a bare seed is the legacy mix)
// Prints the table per world on stderr and one JSON line with every figure on stdout.
import { evaluateWorld } from './early-warning/early-warning.world';

function main(): void {
  const merchants = Number(process.argv[2] ?? 600);
  const days = Number(process.argv[3] ?? 240);
  const specs = (process.argv[4] ?? 'street:101,festival:202,decline:303').split(',').map((w) => {
    const [mix, seed] = w.includes(':') ? w.split(':') : ['legacy', w];
    return { mix, seed: Number(seed) };
  });
  const alertProbability = Number(process.env.ALERT_PROBABILITY ?? 0.15);
  const worlds = specs.map((w) => evaluateWorld(w.mix, w.seed, merchants, days, alertProbability));
  process.stdout.write(JSON.stringify({ alertProbability, worlds }) + '\n');
}

main();
