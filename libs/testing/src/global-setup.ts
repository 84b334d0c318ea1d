import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { startContainerServers, testServersMode, TEST_SERVERS_ENV } from './container-servers';

/**
 * Once per integration run: fail fast with a clear message when the shared servers are not up,
 * fix the run id that names every schema/topic/group, and build dist/ (child-process tests run the
 * compiled code, as production does).
 */
export default async function globalSetup(): Promise<void> {
  process.env.PULSE_TEST_RUN_ID ??= `r${Date.now().toString(36)}`;
  const root = join(__dirname, '..', '..', '..');
  if (testServersMode() === 'testcontainers') {
    // Throwaway servers instead of the machine's (needs a Docker daemon). The URLs go into
    // process.env before any test worker starts, so testInfra and every spawned service read them;
    // global-teardown.ts stops the containers.
    const servers = await startContainerServers(root);
    Object.assign(process.env, servers.env);
    (globalThis as { __pulseContainers?: { stop(): Promise<void> } }).__pulseContainers = servers;
    console.warn(`[${TEST_SERVERS_ENV}=testcontainers] ${JSON.stringify(servers.env)}`);
  }
  const dbUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  await check('PostgreSQL', async () => {
    const client = new Client({ connectionString: dbUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    await client.end();
  });
  await check('Kafka', async () => {
    const admin = new Kafka({
      clientId: 'pulse-test-setup',
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    }).admin();
    await admin.connect();
    await admin.describeCluster();
    await admin.disconnect();
  });
  execFileSync(process.execPath, [join(root, 'tools/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}

async function check(name: string, probe: () => Promise<void>): Promise<void> {
  try {
    await probe();
  } catch (error) {
    throw new Error(
      `${name} is not reachable for the integration tests (${(error as Error).message}). Run \`npm run infra:up\` first (\`npm test\` does it for you).`,
    );
  }
}
