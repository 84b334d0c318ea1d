// Read-path benchmark of merchant-registry: seeds 100,000 merchants (PII sealed like registration) in a
// dedicated schema, boots the built app in production mode on a free port, and drives it with autocannon:
// GET /v1/merchants/{id} over random ids at a fixed 1,000 req/s and at max throughput, then a
// tier-filtered list. One JSON line per scenario. Note: autocannon's fixed rate fires each
// connection's per-second quota back to back at the start of every second (20-way bursts), so its
// "@1000rps" latencies are those of short saturation bursts; "@1000rps-paced" sends the same rate
// evenly spaced (open loop, latency from the scheduled send time), like independent callers would. Run: `npm run build && node dist/tools/bench/registry.bench.js`
// (env: BENCH_MERCHANTS, BENCH_SECONDS, BENCH_DATABASE_URL).
import 'reflect-metadata';
import { createServiceDataSource } from '@merchant-pulse/database';
import { freePort } from '@merchant-pulse/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { merchantRegistryMigrations } from '../../apps/merchant-registry/src/database/merchant-registry.migrations';
import { PiiBlindIndex } from '../../apps/merchant-registry/src/pii/pii.blind-index';
import { parsePiiKeyRing, PiiCipher } from '@merchant-pulse/secure-storage';
import { PiiSealer } from '../../apps/merchant-registry/src/pii/pii.sealer';
import { runScenario } from './registry/load';
import { runPacedScenario } from './registry/paced-load';
import { benchMerchantId, seedMerchants } from './registry/seed-merchants';

const COUNT = Number(process.env.BENCH_MERCHANTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
const SCHEMA = 'bench_merchant_registry';
const SECRET = randomBytes(16).toString('hex');
const PII_KEYS = JSON.stringify([{ id: 'bench-k1', key: randomBytes(32).toString('base64') }]);

async function resetSchema(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${SCHEMA}`);
  await client.end();
}

async function seed(): Promise<number> {
  const started = Date.now();
  await resetSchema();
  const ds = createServiceDataSource({
    url: DATABASE_URL,
    schema: SCHEMA,
    applicationName: 'registry-bench-seed',
    migrations: merchantRegistryMigrations,
    migrationsRun: true,
  });
  await ds.initialize();
  const ring = parsePiiKeyRing(PII_KEYS);
  await seedMerchants(ds, new PiiSealer(new PiiCipher(ring), new PiiBlindIndex(ring)), COUNT);
  // Settle the fresh bulk load (visibility map, statistics) so autovacuum/autoanalyze does not run
  // inside the first measured scenario, as it would not on a long-lived table.
  await ds.query('VACUUM (ANALYZE) merchants');
  await ds.destroy();
  return Date.now() - started;
}

function bootApp(port: number): ChildProcess {
  const main = join(__dirname, '../../apps/merchant-registry/src/main.js');
  return spawn(process.execPath, [main], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL,
      DATABASE_SCHEMA: SCHEMA,
      PII_ENCRYPTION_KEYS: PII_KEYS,
      METRICS_TOKEN: randomBytes(32).toString('base64url'),
      RUN_CONSUMERS: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      API_KEYS: JSON.stringify([
        {
          id: 'bench',
          sha256: createHash('sha256').update(SECRET).digest('hex'),
          scopes: ['merchants:read'],
        },
      ]),
    },
  });
}

async function waitUntilLive(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`registry did not become live at ${url}`);
}

async function main(): Promise<void> {
  const seedMs = await seed();
  console.log(JSON.stringify({ scenario: 'seed', merchants: COUNT, ms: seedMs }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = bootApp(port);
  try {
    await waitUntilLive(url);
    const headers = { authorization: `Bearer ${SECRET}` };
    const randomMerchant = (): string =>
      `/v1/merchants/${benchMerchantId(Math.floor(Math.random() * COUNT))}`;
    // Warm-up: JIT, pool connections, prepared statement on every connection.
    await runScenario({ name: 'warmup', url, path: randomMerchant, headers, connections: 20, seconds: 3 });
    const fixed = { name: 'get-merchant@1000rps', path: randomMerchant, connections: 20, rate: 1000 };
    console.log(JSON.stringify(await runScenario({ ...fixed, url, headers, seconds: SECONDS })));
    const paced = { ...fixed, name: 'get-merchant@1000rps-paced' };
    console.log(JSON.stringify(await runPacedScenario({ ...paced, url, headers, seconds: SECONDS })));
    const scenarios = [
      { name: 'get-merchant@max', path: randomMerchant, connections: 50 },
      { name: 'list-by-tier@max', path: () => '/v1/merchants?tier=at_risk&limit=50', connections: 20 },
    ];
    for (const s of scenarios) {
      console.log(JSON.stringify(await runScenario({ ...s, url, headers, seconds: SECONDS })));
    }
  } finally {
    app.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
