import { join } from 'node:path';
import { Topics } from '@merchant-pulse/contracts';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  TEST_ADMIN_SECRET,
  testInfra,
  testKafka,
  testServiceEnv,
  freePort,
} from '@merchant-pulse/testing';
import { Job, Queue } from 'bullmq';
import { Kafka } from 'kafkajs';
import { activityEvent } from '../../apps/churn-scoring/test/churn-scoring.fixtures';
import { ChurnJobs, ChurnQueues } from '../../apps/churn-scoring/src/churn-scoring.queues';
import { conclude, note } from './harness/fault.scenario';
import { faultSize } from './harness/fault.size';
import { IngestionSupervisor, serviceMain } from './harness/ingestion.supervisor';
import { ensureServersUp, restartRedis } from './servers/servers';
import { waitUntil } from './servers/process-image';

jest.setTimeout(300_000);

/** Fewer than 30 repeat merchants: a rescoring run keeps the current model, only refits add versions. */
const MERCHANTS = 20;
/**
 * Jobs pending in Redis when it restarts (half refits, half full rescorings). Under 100: the service
 * keeps the last 100 completed jobs (`removeOnComplete`), and the check reads their records.
 */
const PENDING = faultSize.name === 'full' ? 90 : 20;
/** 2026-03-01T00:00Z is 08:00 in Shanghai: every run scores as of 2026-02-28. */
const CLOCK_START = '2026-03-01T00:00:00.000Z';
const AS_OF = '2026-02-28';

const modelVersions = async (schema: string) =>
  (await adminQuery<{ version: string }>(`SELECT version FROM "${schema}".model_versions`)).map(
    (r) => r.version,
  );
const scoredMerchants = async (schema: string) =>
  Number(
    (
      await adminQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}".merchant_risk WHERE as_of_date = $1`,
        [AS_OF],
      )
    )[0].n,
  );

/** Refit jobs that finished so far (the service's own scheduler may add one at boot). */
const completedRefits = async (queue: Queue) =>
  (await queue.getJobs(['completed'], 0, -1)).filter((j) => j.name === ChurnJobs.RefitModel).length;

/**
 * Checks each pending job ran exactly once: completed, started once, with its effect — a refit
 * stored one model version (named in its result), a full rescoring scored every merchant.
 */
async function jobProblems(
  queue: Queue,
  ids: string[],
  versions: Set<string>,
): Promise<{ lost: number; problems: string[] }> {
  const problems: string[] = [];
  let lost = 0;
  for (const id of ids) {
    const job: Job | undefined = await queue.getJob(id);
    if (!job) {
      lost += 1;
      continue;
    }
    const state = await job.getState();
    const result = job.returnvalue as { version?: string; scored?: number } | null;
    if (state !== 'completed') problems.push(`job ${id} is ${state} (${job.failedReason ?? ''})`);
    else if (job.attemptsStarted !== 1) problems.push(`job ${id} started ${job.attemptsStarted} times`);
    else if (job.name === ChurnJobs.RefitModel && !versions.has(result?.version ?? ''))
      problems.push(`refit ${id} returned ${result?.version}, not a stored model version`);
    else if (job.name === ChurnJobs.RescoreAll && result?.scored !== MERCHANTS)
      problems.push(`rescoring ${id} scored ${result?.scored} of ${MERCHANTS} merchants`);
  }
  if (lost)
    problems.unshift(
      `${lost} of ${ids.length} jobs pending before the restart no longer exist in Redis once the worker ran`,
    );
  return { lost, problems: problems.slice(0, 10) };
}

type Answer = { status: number; body: Record<string, unknown>; at: number };

/**
 * Two replicas of the built churn-scoring on one schema, topic and queue prefix, supervised: the
 * HTTP replica (RUN_JOBS=false) enqueues and waits, the worker replica runs the jobs.
 */
async function startReplicas(schema: string, topicPrefix: string, queuePrefix: string) {
  const replica = async (name: string, runJobs: boolean) => {
    const env = testServiceEnv({
      schema,
      topicPrefix,
      env: {
        PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        CLOCK_START,
        QUEUE_PREFIX: queuePrefix,
        RUN_JOBS: String(runJobs),
      },
    });
    const log = join(process.cwd(), '.test-results', `faults-bullmq-${name}.log`);
    return new IngestionSupervisor(env, log, serviceMain('churn-scoring'));
  };
  return { http: await replica('http', false), worker: await replica('worker', true) };
}

/** Three active days per merchant on the activity topic; resolves once every merchant is scored. */
async function feedActivity(kafka: Kafka, topicPrefix: string, schema: string): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const merchants = Array.from({ length: MERCHANTS }, (_, i) => `M-bullmq-${i}`);
    await producer.send({
      topic: topicPrefix + Topics.MerchantActivity,
      messages: merchants.flatMap((m) =>
        ['2026-02-26', '2026-02-27', AS_OF].map((d) => ({
          key: m,
          value: JSON.stringify(activityEvent(m, d, 10, `${d}T23:00:00.000Z`)),
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
  if (!(await waitUntil(async () => (await scoredMerchants(schema)) === MERCHANTS, 60_000)))
    throw new Error(`churn-scoring did not score ${MERCHANTS} merchants within 60 s`);
}

/** A client waiting on `POST /v1/rescoring-runs` (answered when the run's job has finished). */
function waitForRescoringRun(url: string): { answer: Promise<Answer>; giveUp: AbortController } {
  const giveUp = new AbortController();
  const answer = fetch(`${url}/v1/rescoring-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_SECRET}` },
    signal: giveUp.signal,
  }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown>, at: Date.now() }),
    (e: Error) => ({ status: 0, body: { message: e.message }, at: Date.now() }),
  );
  return { answer, giveUp };
}

/** Every job finished or gone: a job missing after the restart is lost for good (Redis loads its data before answering). */
async function settled(queue: Queue, ids: string[]): Promise<boolean> {
  const states = await Promise.all(ids.map(async (id) => (await queue.getJob(id))?.getState()));
  return states.every((s) => s === undefined || s === 'completed' || s === 'failed');
}

async function pendingJobs(queue: Queue): Promise<number> {
  const c = await queue.getJobCounts('waiting', 'active');
  return c.waiting + c.active;
}

describe('fault: Redis restarted with pending BullMQ jobs (churn-scoring)', () => {
  it('should run every job pending before the restart exactly once and answer the waiting rescoring request', async () => {
    const schema = await createTestSchema('faults_bullmq');
    const topics = await createTestTopics('faults_bullmq', 1);
    const queuePrefix = `pulse-faults:${topics.prefix}`;
    const { http, worker } = await startReplicas(schema.schema, topics.prefix, queuePrefix);
    const queue = new Queue(ChurnQueues.Scoring, {
      connection: { url: testInfra.redisUrl, maxRetriesPerRequest: null },
      prefix: queuePrefix,
    });
    queue.on('error', () => undefined); // the connection drops with the restart; ioredis reconnects
    try {
      await http.start();
      await worker.start();
      await feedActivity(testKafka('faults-bullmq'), topics.prefix, schema.schema);
      // The worker holds still (queue paused) while the jobs pile up, as behind a slow or busy worker.
      await queue.pause();
      const baseVersions = (await modelVersions(schema.schema)).length;
      const baseRefits = await completedRefits(queue);
      const ids = Array.from({ length: PENDING }, (_, i) => `fault-${i}`);
      await queue.addBulk(
        ids.map((jobId, i) => ({
          name: i % 2 ? ChurnJobs.RescoreAll : ChurnJobs.RefitModel,
          data: { asOfDate: AS_OF },
          opts: { jobId, removeOnComplete: false, removeOnFail: false },
        })),
      );
      const waiting = waitForRescoringRun(http.url); // its job is pending too
      await waitUntil(async () => (await pendingJobs(queue)) > PENDING, 10_000, 100);
      note(`bullmq: restarting Redis with ${await pendingJobs(queue)} jobs pending`);

      const down = Date.now();
      const { persistent } = await restartRedis(faultSize.redisDownMs);
      const lifted = Date.now();
      note(
        `bullmq: Redis answers again after ${lifted - down} ms (persistence ${persistent ? 'on' : 'off'})`,
      );
      const survived = (await Promise.all(ids.map((id) => queue.getJob(id)))).filter(Boolean).length;
      await queue.resume().catch((e: Error) => note(`bullmq: resume failed: ${e.message}`));
      const allSettled = await waitUntil(() => settled(queue, ids), faultSize.drainTimeoutMs / 2, 100);
      const settledAt = Date.now();
      const timer = setTimeout(() => waiting.giveUp.abort(), 15_000);
      const answer = await waiting.answer;
      clearTimeout(timer);

      const problems: string[] = [];
      if (!persistent)
        problems.push(
          'Redis runs without persistence (no AOF, no save points): a restart drops every pending job',
        );
      if (survived !== PENDING)
        problems.push(`${PENDING - survived} of ${PENDING} pending jobs were gone once Redis answered again`);
      const versions = new Set(await modelVersions(schema.schema));
      const jobs = await jobProblems(queue, ids, versions);
      problems.push(...jobs.problems);
      // Lost jobs took their completed records with them: count effects only when none was lost.
      const refitsRun = (await completedRefits(queue)) - baseRefits;
      if (jobs.lost === 0 && versions.size !== baseVersions + refitsRun)
        problems.push(
          `${versions.size - baseVersions} model versions stored for ${refitsRun} completed refits`,
        );
      if (answer.status !== 200)
        problems.push(
          `POST /v1/rescoring-runs waiting across the restart answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
      conclude(
        [
          {
            scenario: 'redis restarted (BullMQ)',
            fault: `SHUTDOWN (persistence ${persistent ? 'on' : 'off'}) with ${PENDING} churn-scoring jobs + 1 waiting POST pending, ${faultSize.redisDownMs / 1000} s down`,
            faultMs: lifted - down,
            // Caught up: every pending job completed once; drained: the waiting client had its answer.
            resumedMs: allSettled && jobs.problems.length === 0 ? settledAt - lifted : undefined,
            drainedMs: answer.status === 200 ? answer.at - lifted : undefined,
            unplannedRestarts: http.unplannedRestarts().length + worker.unplannedRestarts().length,
          },
        ],
        problems,
      );
    } finally {
      const restored = await ensureServersUp();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close().catch(() => undefined);
      await worker.stop();
      await http.stop();
      await topics.drop().catch(() => undefined);
      await schema.drop().catch(() => undefined);
      if (restored.length) throw new Error(`servers not restored: ${restored.join('; ')}`);
    }
  });
});
