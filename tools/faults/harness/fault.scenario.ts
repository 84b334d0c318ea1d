import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopicOf, Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  readTopic,
  testKafka,
  testServiceEnv,
  topicMessageCount,
  freePort,
} from '@merchant-pulse/testing';
import { Kafka } from 'kafkajs';
import { ensureServersUp } from '../servers/servers';
import { sleep, waitUntil } from '../servers/process-image';
import { expectedTotals, lifecycleMessages, LoadPlan, SteadyProducer } from './fault-load';
import { IngestionSupervisor } from './ingestion.supervisor';
import {
  LedgerTotals,
  ledgerTotals,
  ProgressWatch,
  projectedMerchants,
  storedTransactions,
} from './ledger.probe';
import { recordRow, RecoveryRow } from './recovery.table';
import { faultSize } from './fault.size';

/** Everything a scenario works with: its own schema, topics, service replica and load producer. */
export interface FaultRun {
  label: string;
  schema: string;
  prefix: string;
  kafka: Kafka;
  service: IngestionSupervisor;
  watch: ProgressWatch;
  producer: SteadyProducer;
  env: Record<string, string>;
  /** Run first when the scenario ends, passed or not (e.g. stop a load still running). */
  cleanups: Array<() => Promise<void>>;
}

/** What the scenario expects on the dead-letter topics beyond "nothing". */
export interface Expected {
  plan: LoadPlan;
  /** Raw messages that must be dead-lettered (exact bytes), and nothing else. */
  deadLetters?: string[];
  /** Lifecycle messages that must be dead-lettered (exact bytes). */
  lifecycleDeadLetters?: string[];
}

/**
 * Runs one scenario in isolation (per-run schema and topic prefix), with the built service under
 * supervision; always brings the servers back, stops the replica and drops what it created.
 */
export async function withIngestion(
  label: string,
  extraEnv: Record<string, string>,
  body: (run: FaultRun) => Promise<void>,
): Promise<void> {
  const schema = await createTestSchema(`faults_${label}`);
  const topics = await createTestTopics(`faults_${label}`);
  const env = testServiceEnv({
    schema: schema.schema,
    topicPrefix: topics.prefix,
    env: { PORT: String(await freePort()), LOG_LEVEL: 'info', ...extraEnv },
  });
  const kafka = testKafka(`faults-${label}`);
  const logFile = join(process.cwd(), '.test-results', `faults-${label}.log`);
  const service = new IngestionSupervisor(env, logFile);
  const watch = new ProgressWatch(schema.schema);
  const producer = new SteadyProducer(kafka, topics.prefix);
  const cleanups = [() => producer.stop()];
  try {
    await body({
      label,
      schema: schema.schema,
      prefix: topics.prefix,
      kafka,
      service,
      watch,
      producer,
      env,
      cleanups,
    });
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    const problems = await ensureServersUp();
    await watch.stop();
    await service.stop();
    await topics.drop().catch(() => undefined);
    await schema.drop().catch(() => undefined);
    if (problems.length) throw new Error(`servers not restored: ${problems.join('; ')}`);
  }
}

const started = Date.now();
/** Progress line on stdout (Jest's console would add a stack location to each). */
export function note(message: string): void {
  process.stdout.write(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** Messages on the raw topic now (what the ledger must reach to have caught up). */
export async function backlog(run: FaultRun): Promise<number> {
  return messagesOn(run, run.prefix + Topics.AcquirerTransactions);
}

/** Messages a topic holds; retried while a restarted broker is still electing partition leaders. */
async function messagesOn(run: FaultRun, topic: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await topicMessageCount(run.kafka, topic);
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(500);
    }
  }
}

/** Starts the service, registers the plan's merchants and waits until it has projected them. */
export async function bootWithMerchants(run: FaultRun, merchants: string[]): Promise<void> {
  await run.service.start();
  note(`${run.label}: service live (pid ${run.service.pid}); registering ${merchants.length} merchants`);
  await run.producer.run(lifecycleMessages(merchants), 10_000);
  const projected = await waitUntil(
    async () => (await projectedMerchants(run.schema)) >= merchants.length,
    60_000,
  );
  if (!projected) throw new Error(`the service did not project ${merchants.length} merchants within 60 s`);
}

/**
 * Waits for the ledger to account for every message on the raw topic, then checks the effects
 * exactly. Returns the problems found (empty: the scenario passed) and the drain time.
 */
export async function verifyExact(
  run: FaultRun,
  expected: Expected,
  loadEndedAt: number,
): Promise<{ problems: string[]; drainedMs?: number }> {
  const rawTopic = run.prefix + Topics.AcquirerTransactions;
  const onTopic = await messagesOn(run, rawTopic);
  note(`${run.label}: load ended, ${onTopic} messages on the raw topic; waiting for the ledger`);
  const drained = await drainLedger(run.schema, onTopic);
  const drainedMs = drained ? Date.now() - loadEndedAt : undefined;
  const ledger = await ledgerTotals(run.schema);
  const problems: string[] = [];
  if (!drained) {
    const live = await run.service.answers('/health/live');
    const ready = await run.service.answers('/health/ready');
    problems.push(
      `stuck: ledger accounts for ${ledger.received} of ${onTopic} messages on the topic, no progress ` +
        `for ${faultSize.stallMs / 1000} s after the load ended (parked ${ledger.parked}; ` +
        `replica live=${live} ready=${ready}; unplanned restarts ${run.service.unplannedRestarts().length})`,
    );
  }
  problems.push(...ledgerProblems(ledger, onTopic, expected));
  const want = expectedTotals(expected.plan.good);
  const stored = await storedTransactions(run.schema);
  if (stored.n !== want.n || stored.amount !== want.amount)
    problems.push(
      `transactions table ${JSON.stringify(stored)} ≠ sent {n: ${want.n}, amount: ${want.amount}}`,
    );
  problems.push(...(await checkDeadLetters(run, rawTopic, expected.deadLetters ?? [], expected.plan)));
  problems.push(
    ...(await checkDeadLetters(
      run,
      run.prefix + Topics.MerchantLifecycle,
      expected.lifecycleDeadLetters ?? [],
    )),
  );
  if (!(await run.service.answers('/health/live'))) problems.push('replica not live at the end');
  if (problems.length) problems.push(...serviceErrors(run.service.logFile));
  return { problems, drainedMs };
}

/** Received = what the topic holds; accepted = the valid ones sent; rejected = the hostile ones. */
function ledgerProblems(ledger: LedgerTotals, onTopic: number, expected: Expected): string[] {
  const problems: string[] = [];
  const want = expectedTotals(expected.plan.good);
  const wantRejected = expected.deadLetters?.length ?? 0;
  if (ledger.received !== onTopic)
    problems.push(`received ${ledger.received} ≠ ${onTopic} messages on the topic`);
  const { n, amount, fee } = ledger.accepted;
  if (n !== want.n || amount !== want.amount || fee !== want.fee)
    problems.push(
      `accepted ${JSON.stringify(ledger.accepted)} ≠ sent ${JSON.stringify(want)} (count, amount, fee)`,
    );
  if (ledger.rejected !== wantRejected)
    problems.push(
      `rejected ${ledger.rejected} ≠ ${wantRejected} (${JSON.stringify(ledger.rejectedByReason)})`,
    );
  if (ledger.received !== n + ledger.duplicate + ledger.rejected + ledger.parked)
    problems.push(`ledger does not balance: ${JSON.stringify(ledger)}`);
  return problems;
}

/**
 * Waits until the ledger accounts for `onTopic` messages with nothing parked; gives up when it has
 * not moved for `stallMs` (stuck) or after `drainTimeoutMs` in all.
 */
async function drainLedger(schema: string, onTopic: number): Promise<boolean> {
  const deadline = Date.now() + faultSize.drainTimeoutMs;
  let last = -1;
  let movedAt = Date.now();
  while (Date.now() < deadline && Date.now() - movedAt < faultSize.stallMs) {
    const l = await ledgerTotals(schema).catch(() => undefined);
    if (l && l.received >= onTopic && l.parked === 0) return true;
    const seen = l ? l.received - l.parked : last;
    if (seen !== last) [last, movedAt] = [seen, Date.now()];
    await sleep(250);
  }
  return false;
}

/** The dead-letter twin of `topic` holds exactly `wanted` (by bytes), and no valid transaction. */
async function checkDeadLetters(
  run: FaultRun,
  topic: string,
  wanted: readonly string[],
  plan?: LoadPlan,
): Promise<string[]> {
  const dlq = deadLetterTopicOf(topic);
  const count = await messagesOn(run, dlq);
  const problems: string[] = [];
  if (count !== wanted.length)
    problems.push(`${dlq.slice(run.prefix.length)} holds ${count}, want ${wanted.length}`);
  if (count === 0) return problems;
  const messages = await readTopic(run.kafka, dlq, { count, timeoutMs: 15_000 });
  const values = new Set(messages.map((m) => m.value?.toString('utf8') ?? ''));
  const missing = wanted.filter((w) => !values.has(w)).length;
  if (missing) problems.push(`${missing} hostile message(s) missing from ${dlq.slice(run.prefix.length)}`);
  const goodIds = new Set(plan?.good.map((t) => t.transactionId));
  const wronglyDead = messages.filter((m) => {
    const id = /"transactionId":"([^"]+)"/.exec(m.value?.toString('utf8').slice(0, 2_000) ?? '')?.[1];
    return id !== undefined && goodIds.has(id);
  });
  if (wronglyDead.length)
    problems.push(
      `${wronglyDead.length} valid transaction(s) dead-lettered, e.g. ${wronglyDead[0].headers['x-dlq-reason']}: ${wronglyDead[0].headers['x-dlq-detail']?.slice(0, 200)}`,
    );
  return problems;
}

/** Distinct errors the replicas logged (pino JSON lines), to say why a scenario failed. */
function serviceErrors(logFile: string): string[] {
  const seen = new Set<string>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"level":"error"') && !line.includes('"level":"fatal"')) continue;
    try {
      const e = JSON.parse(line) as { msg?: string; err?: string; error?: string; stack?: string };
      const cause = e.err ?? e.error ?? e.stack?.split('\n')[0] ?? '';
      seen.add(`service logged: ${e.msg?.slice(0, 120)}${cause ? ` — ${cause.slice(0, 160)}` : ''}`);
    } catch {
      // not a log line of ours
    }
  }
  return [...seen].slice(0, 8);
}

/** Records the scenario's table rows (one per fault it injected) and fails with every problem found. */
export function conclude(rows: Array<Omit<RecoveryRow, 'result'>>, problems: string[]): void {
  for (const row of rows) {
    recordRow({ ...row, result: problems.length ? `FAIL: ${problems[0]}` : 'pass' });
    note(
      `${row.scenario}: caught up ${row.resumedMs ?? 'never'} ms after the fault, drained ${row.drainedMs ?? 'never'} ms after the load`,
    );
  }
  note(
    `${rows[0].scenario}: ${problems.length ? 'FAIL' : 'pass'}${problems.map((p) => `\n  - ${p}`).join('')}`,
  );
  if (problems.length) throw new Error(`${rows[0].scenario}:\n- ${problems.join('\n- ')}`);
}

export { sleep };
