import { startKafka } from './kafka-broker.control';
import { startPostgres } from './postgres-server.control';
import { startRedis } from './redis-server.control';

export * from './kafka-broker.control';
export * from './postgres-server.control';
export * from './redis-server.control';

/**
 * Brings back whatever a scenario left down (Postgres, Redis, Kafka — each a no-op when it answers).
 * Every scenario calls it in `finally`; `run-faults.sh` calls it once more on exit.
 */
export async function ensureServersUp(): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, start] of [
    ['postgres', startPostgres],
    ['redis', startRedis],
    ['kafka', startKafka],
  ] as const) {
    await start().catch((error: Error) => problems.push(`${name}: ${error.message}`));
  }
  return problems;
}
