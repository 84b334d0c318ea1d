import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  testServiceEnv,
  TestSchema,
  TestTopics,
  freePort,
} from '@merchant-pulse/testing';
import { feePlanChanged, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(240_000);

const root = join(__dirname, '..', '..', '..');
const MERCHANTS = 20;
const EVENTS = 20_000;

/** Starts the BUILT service (as production runs it) and resolves once /health/live answers. */
async function startService(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'dist/apps/transaction-ingestion/src/main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
  try {
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}): ${stderr}`);
        expect((await fetch(`http://127.0.0.1:${env.PORT}/health/live`)).status).toBe(200);
      },
      // After a SIGKILL the dead member holds the group until its session times out (30 s), and the
      // platform starts consumers before listening — so a restart may take that long.
      { timeoutMs: 75_000, intervalMs: 200 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

describe('transaction-ingestion SIGKILL mid-stream', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    schema = await createTestSchema('ingestion_kill');
    topics = await createTestTopics('ingestion_kill');
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await topics?.drop();
    await schema?.drop();
  });

  it('should end with exact counts and sums when the service is killed mid-stream and restarted', async () => {
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: { PORT: String(await freePort()), LOG_LEVEL: 'info' },
    });
    const producer = new EventProducer(
      createKafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'kill-test' }),
      new TopicNamer(topics.prefix),
    );
    const merchants = Array.from({ length: MERCHANTS }, (_, i) => `km-${i}`);
    await producer.send(
      merchants
        .flatMap((m) => [merchantRegistered(m), feePlanChanged(m, 38)])
        .map((e) => ({ topic: Topics.MerchantLifecycle, key: e.merchantId, value: JSON.stringify(e) })),
    );
    const txs = Array.from({ length: EVENTS }, (_, i) =>
      rawTx({
        merchantId: merchants[i % MERCHANTS],
        terminalId: `KT-${i % 50}`,
        amountMinor: 1_000 + (i % 997),
        occurredAt: '2025-09-01T03:00:00.000Z',
      }),
    );
    const duplicates = txs.slice(0, 500);
    const expectedAmount = txs.reduce((s, t) => s + t.amountMinor, 0);
    // 38 bps, rounded half away from zero per transaction.
    const expectedFee = txs.reduce((s, t) => s + Math.floor((t.amountMinor * 38 + 5_000) / 10_000), 0);
    for (let i = 0; i < txs.length; i += 2_000) {
      await producer.send(
        txs
          .slice(i, i + 2_000)
          .map((t) => ({ topic: Topics.AcquirerTransactions, key: t.merchantId, value: JSON.stringify(t) })),
      );
    }
    await producer.send(
      duplicates.map((t) => ({
        topic: Topics.AcquirerTransactions,
        key: t.merchantId,
        value: JSON.stringify(t),
      })),
    );
    await producer.disconnect();

    const ledger = async () => {
      const rows = await adminQuery<{ outcome: string; n: string; amount: string; fee: string }>(
        `SELECT outcome, sum(count) AS n, sum(amount_minor) AS amount, sum(fee_minor) AS fee FROM "${schema.schema}".ingest_ledger GROUP BY outcome`,
      ).catch(() => []);
      return Object.fromEntries(
        rows.map((r) => [r.outcome, { n: Number(r.n), amount: Number(r.amount), fee: Number(r.fee) }]),
      );
    };
    child = await startService(env);
    await expectEventually(async () => expect((await ledger()).accepted?.n ?? 0).toBeGreaterThan(2_000), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atKill = (await ledger()).accepted?.n ?? 0;
    expect(atKill).toBeLessThan(EVENTS);

    child = await startService(env);
    const final = await expectEventually(
      async () => {
        const l = await ledger();
        expect((l.accepted?.n ?? 0) + (l.duplicate?.n ?? 0)).toBe(EVENTS + duplicates.length);
        return l;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    expect(final.accepted).toEqual({ n: EVENTS, amount: expectedAmount, fee: expectedFee });
    expect(final.duplicate.n).toBe(duplicates.length);
    const [stored] = await adminQuery<{ n: string; amount: string }>(
      `SELECT count(*) AS n, sum(amount_minor) AS amount FROM "${schema.schema}".transactions`,
    );
    expect({ n: Number(stored.n), amount: Number(stored.amount) }).toEqual({
      n: EVENTS,
      amount: expectedAmount,
    });
    const [activity] = await adminQuery<{ n: string; fee: string }>(
      `SELECT sum(approved_count) AS n, sum(fee_minor) AS fee FROM "${schema.schema}".daily_activity`,
    );
    expect({ n: Number(activity.n), fee: Number(activity.fee) }).toEqual({ n: EVENTS, fee: expectedFee });
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;
  });
});
