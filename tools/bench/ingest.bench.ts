// Ingestion benchmark (npm run bench:ingest [-- --events N --merchants M --naive K --rate R --rate-seconds S --profile]):
// pre-produces N raw transactions (1% duplicates, 0.5% invalid) for M registered merchants, times the
// built service draining them (first to last commit), measures produce→commit latency at a fixed
// offered rate, and compares with the naive NestJS way and with Postgres COPY into the same table.
// Prints ONE JSON line. Run under `flock /tmp/pulse-int.lock` on a shared machine.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { allTopicSpecs, Topics } from '@merchant-pulse/contracts';
import { Client } from 'pg';
import { lifecycleEvents, rawEvents, rng, transaction } from './ingest/bench-data';
import { benchKafka, produceAll, produceAtRate } from './ingest/bench-kafka';
import { copyRowsPerSecond } from './ingest/copy-ceiling';
import { startNaiveConsumer } from './ingest/naive-nest-consumer';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const MERCHANTS = arg('merchants', 10_000);
const NAIVE = arg('naive', 20_000);
const RATE = arg('rate', 10_000);
const RATE_SECONDS = arg('rate-seconds', 20);
const PROFILE = process.argv.includes('--profile');
const DB = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const RUN = `b${Date.now().toString(36)}`;
const SCHEMA = `bench_ingest_${RUN}`;
const PREFIX = `bench-${RUN}.`;
const root = join(__dirname, '..', '..', '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => process.stderr.write(`[bench:ingest] ${msg}\n`);

async function query<R>(db: Client, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await db.query(sql, params)).rows as R[];
}

function startService(): Promise<ChildProcess> {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '3992',
    DATABASE_URL: DB,
    DATABASE_SCHEMA: SCHEMA,
    KAFKA_TOPIC_PREFIX: PREFIX,
    API_KEYS: '[]',
    MAINTENANCE_INTERVAL_MS: '3600000',
  };
  const args = [
    ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(root, '.bench-profiles')] : []),
    join(root, 'dist/apps/transaction-ingestion/src/main.js'),
  ];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return (async () => {
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode})`);
      const ok = await fetch('http://127.0.0.1:3992/health/live').then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return child;
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error('service did not become live in 30 s');
  })();
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const ledgerTotal = async (db: Client, acquirerId: string) =>
  Number(
    (
      await query<{ n: string }>(
        db,
        `SELECT coalesce(sum(count), 0) AS n FROM "${SCHEMA}".ingest_ledger WHERE acquirer_id = $1`,
        [acquirerId],
      )
    )[0].n,
  );

async function main(): Promise<void> {
  const db = new Client({ connectionString: DB });
  await db.connect();
  const kafka = benchKafka(BROKERS);
  const admin = kafka.admin();
  await admin.connect();
  const specs = [...allTopicSpecs(PREFIX), { topic: `${PREFIX}naive.transactions.v1`, numPartitions: 12 }];
  await admin.createTopics({
    topics: specs.map((s) => ({ ...s, replicationFactor: 1 })),
    waitForLeaders: true,
  });
  await db.query(`CREATE SCHEMA "${SCHEMA}"`);
  let child: ChildProcess | undefined;
  try {
    log(`registering ${MERCHANTS} merchants`);
    await produceAll(kafka, PREFIX + Topics.MerchantLifecycle, lifecycleEvents(MERCHANTS));
    child = await startService();
    await waitFor(
      async () =>
        Number(
          (await query<{ n: string }>(db, `SELECT count(*) AS n FROM "${SCHEMA}".fee_plan_versions`))[0].n,
        ) >= MERCHANTS,
      300_000,
      'projection',
    );
    await stopService(child);

    log(`pre-producing ${EVENTS} raw events`);
    const bulk = rawEvents(EVENTS, MERCHANTS, 'acq-bench');
    await produceAll(kafka, PREFIX + Topics.AcquirerTransactions, bulk.messages);
    log('draining');
    child = await startService();
    await waitFor(async () => (await ledgerTotal(db, 'acq-bench')) >= EVENTS, 1_800_000, 'drain');
    const [span] = await query<{ ms: string }>(
      db,
      `SELECT extract(epoch FROM max(ingested_at) - min(ingested_at)) * 1000 AS ms FROM "${SCHEMA}".transactions WHERE acquirer_id = 'acq-bench'`,
    );
    const eventsPerSecond = Math.round(EVENTS / (Number(span.ms) / 1000));
    const ledger = await query<{ outcome: string; n: string; amount: string }>(
      db,
      `SELECT outcome, sum(count) AS n, sum(amount_minor) AS amount FROM "${SCHEMA}".ingest_ledger WHERE acquirer_id = 'acq-bench' GROUP BY outcome`,
    );
    const by = Object.fromEntries(
      ledger.map((r) => [r.outcome, { n: Number(r.n), amount: Number(r.amount) }]),
    );
    const accountingExact =
      by.accepted?.n === bulk.expected.accepted &&
      by.accepted?.amount === bulk.expected.acceptedAmountMinor &&
      by.duplicate?.n === bulk.expected.duplicate &&
      by.rejected?.n === bulk.expected.rejected &&
      !by.parked?.n;

    log(`fixed rate ${RATE}/s for ${RATE_SECONDS}s`);
    const paced = rawEvents(RATE * RATE_SECONDS, MERCHANTS, 'acq-lat', 7).messages;
    await produceAtRate(kafka, PREFIX + Topics.AcquirerTransactions, paced, RATE);
    await waitFor(async () => (await ledgerTotal(db, 'acq-lat')) >= paced.length, 600_000, 'paced drain');
    const [lat] = await query<{ p50: string; p99: string }>(
      db,
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM ingested_at - produced_at) * 1000 AS ms FROM "${SCHEMA}".transactions WHERE acquirer_id = 'acq-lat') l`,
    );
    const timeline = await query<{ s: number; n: string; p50: string; p99: string }>(
      db,
      `WITH l AS (SELECT produced_at, extract(epoch FROM ingested_at - produced_at) * 1000 AS ms
                    FROM "${SCHEMA}".transactions WHERE acquirer_id = 'acq-lat'),
            b AS (SELECT floor(extract(epoch FROM produced_at - (SELECT min(produced_at) FROM l)) / 2)::int * 2 AS s, ms FROM l)
       SELECT s, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM b GROUP BY s ORDER BY s`,
    );
    log(
      `latency by produce time (2 s buckets, s:p50/p99 ms): ${timeline
        .map((t) => `${t.s}:${Math.round(Number(t.p50))}/${Math.round(Number(t.p99))}`)
        .join(' ')}`,
    );
    await stopService(child);
    child = undefined;

    log('COPY ceiling');
    const random = rng(99);
    const copyRows = Array.from({ length: EVENTS }, (_, i) =>
      transaction(
        'acq-copy',
        i,
        i % MERCHANTS,
        Date.now() - Math.floor(random() * 7_200_000),
        100 + (i % 50_000),
        random,
      ),
    );
    const copyPerSecond = copyRowsPerSecond(DB, SCHEMA, copyRows);

    log(`naive NestJS way on ${NAIVE} events`);
    // What the naive schema would have: a primary key, so TypeORM's save() looks rows up by index
    // rather than scanning every partition.
    await db.query(
      `CREATE INDEX naive_identity_idx ON "${SCHEMA}".transactions (acquirer_id, transaction_id)`,
    );
    const naiveEvents = rawEvents(NAIVE, MERCHANTS, 'acq-naive', 3);
    await produceAll(kafka, `${PREFIX}naive.transactions.v1`, naiveEvents.messages);
    const naiveStart = Date.now();
    const naive = await startNaiveConsumer({
      brokers: BROKERS,
      topic: `${PREFIX}naive.transactions.v1`,
      groupId: `${PREFIX}naive`,
      databaseUrl: DB,
      schema: SCHEMA,
    });
    const naiveExpected = naiveEvents.expected.accepted;
    await waitFor(
      async () =>
        Number(
          (
            await query<{ n: string }>(
              db,
              `SELECT count(*) AS n FROM "${SCHEMA}".transactions WHERE acquirer_id = 'acq-naive'`,
            )
          )[0].n,
        ) >= naiveExpected,
      1_800_000,
      'naive drain',
    );
    const [naiveSpan] = await query<{ ms: string }>(
      db,
      `SELECT extract(epoch FROM max(ingested_at) - min(ingested_at)) * 1000 AS ms FROM "${SCHEMA}".transactions WHERE acquirer_id = 'acq-naive'`,
    );
    log(`naive wall time ${Date.now() - naiveStart} ms`);
    await naive.close();
    const naiveEventsPerSecond = Math.round(NAIVE / (Number(naiveSpan.ms) / 1000));

    console.log(
      JSON.stringify({
        events: EVENTS,
        merchants: MERCHANTS,
        eventsPerSecond,
        naiveEventsPerSecond,
        speedupVsNaive: Math.round((eventsPerSecond / naiveEventsPerSecond) * 10) / 10,
        copyRowsPerSecond: copyPerSecond,
        fractionOfCopy: Math.round((eventsPerSecond / copyPerSecond) * 100) / 100,
        p50Ms: Math.round(Number(lat.p50)),
        p99Ms: Math.round(Number(lat.p99)),
        offeredRatePerSecond: RATE,
        accountingExact,
      }),
    );
  } finally {
    if (child) await stopService(child).catch(() => undefined);
    await db.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
    await admin.deleteTopics({ topics: specs.map((s) => s.topic) }).catch(() => undefined);
    await admin.disconnect();
    await db.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
