// Micro-benchmark of the per-transaction fee function: ns/call over a pre-generated mix of amounts and
// channels, so the loop measures computeFeeMinor and not the generator. Run after `npm run build`:
//   node dist/tools/bench/fees.bench.js [iterations]
import { computeFeeMinor, FEE_CHANNELS, FeeChannel, STANDARD_FEE_RATES } from '@merchant-pulse/fees';

const SAMPLE_SIZE = 4096;

function sample(): { amounts: number[]; channels: FeeChannel[] } {
  const amounts: number[] = [];
  const channels: FeeChannel[] = [];
  let seed = 12345;
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    amounts.push(seed % 5_000_000);
    channels.push(FEE_CHANNELS[i % FEE_CHANNELS.length]);
  }
  return { amounts, channels };
}

function run(iterations: number): void {
  const { amounts, channels } = sample();
  let checksum = 0;
  for (let i = 0; i < 1_000_000; i++)
    checksum += computeFeeMinor(amounts[i & 4095], channels[i & 4095], STANDARD_FEE_RATES);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    checksum += computeFeeMinor(amounts[i & 4095], channels[i & 4095], STANDARD_FEE_RATES);
  }
  const elapsedNs = Number(process.hrtime.bigint() - start);
  console.log(
    JSON.stringify({
      bench: 'computeFeeMinor',
      iterations,
      nsPerCall: +(elapsedNs / iterations).toFixed(2),
      callsPerSecond: Math.round((iterations / elapsedNs) * 1e9),
      checksum,
    }),
  );
}

run(Number(process.argv[2] ?? 20_000_000));
