// Micro-benchmark of the hot-path raw transaction parser: ns/message over pre-encoded Kafka values
// (a realistic mix of valid purchases and refunds with 1 in 64 invalid), so the loop measures
// parseRawTransaction and not the generator. Run after `npm run build`:
//   node dist/tools/bench/parse-raw-transaction.bench.js [iterations]
import { parseRawTransaction, RAW_TRANSACTION_EXAMPLE } from '@merchant-pulse/contracts';

const SAMPLE_SIZE = 4096;

function sample(): Buffer[] {
  const values: Buffer[] = [];
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    const refund = i % 10 === 0;
    const tx = {
      ...RAW_TRANSACTION_EXAMPLE,
      transactionId: `TX-${i}`,
      merchantId: `M-${i % 500}`,
      amountMinor: i % 64 === 0 ? -1.5 : 1000 + i,
      type: refund ? 'refund' : 'purchase',
      ...(refund ? { originalTransactionId: `TX-${i - 1}` } : {}),
    };
    values.push(Buffer.from(JSON.stringify(tx)));
  }
  return values;
}

function run(iterations: number): void {
  const values = sample();
  let accepted = 0;
  for (let i = 0; i < 200_000; i++) if (parseRawTransaction(values[i & 4095]).ok) accepted++;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (parseRawTransaction(values[i & 4095]).ok) accepted++;
  const elapsedNs = Number(process.hrtime.bigint() - start);
  console.log(
    JSON.stringify({
      bench: 'parseRawTransaction',
      iterations,
      nsPerMessage: +(elapsedNs / iterations).toFixed(1),
      messagesPerSecond: Math.round((iterations / elapsedNs) * 1e9),
      accepted,
    }),
  );
}

run(Number(process.argv[2] ?? 2_000_000));
