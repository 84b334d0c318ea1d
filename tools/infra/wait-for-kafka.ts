// Waits until the Kafka cluster really answers (metadata with at least one registered broker),
// not merely until the port accepts connections. Used by infra-up.sh.
//   node wait-for-kafka.js [--timeout <seconds>]   exit 0 when ready, 1 on timeout
import { logLevel } from 'kafkajs';

import { argValue, withAdmin } from './kafka-admin.helpers';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(): Promise<string> {
  const cluster = await withAdmin((admin) => admin.describeCluster(), {
    retries: 0,
    connectionTimeoutMs: 1000,
    requestTimeoutMs: 2000,
    level: logLevel.NOTHING,
  });
  if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
  return `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller}`;
}

async function main(): Promise<void> {
  const timeoutSeconds = Number(argValue(process.argv.slice(2), 'timeout') ?? '60');
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    try {
      console.log(await probe());
      return;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
      await sleep(500);
    }
  }
  console.error(`Kafka did not answer within ${timeoutSeconds}s: ${lastError}`);
  process.exit(1);
}

void main();
