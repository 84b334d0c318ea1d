import { allTopicSpecs } from '@merchant-pulse/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/**
 * Integration tests share one Postgres and one Kafka broker (started by `npm run infra:up`) and
 * isolate themselves by name: a per-run id prefixes schemas, topics and consumer groups.
 */
export const testInfra = {
  /** Superuser URL of the project database; tests create and drop their own schemas in it. */
  adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse',
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/** The id of this test run, set once by the global setup (falls back to a per-process id). */
export function testRunId(): string {
  if (!process.env.PULSE_TEST_RUN_ID) process.env.PULSE_TEST_RUN_ID = `r${Date.now().toString(36)}`;
  return process.env.PULSE_TEST_RUN_ID;
}

let counter = 0;
/** A short name unique within the run: `t_<run>_<label>_<n>` (valid as schema, topic prefix, group). */
export function uniqueName(label: string): string {
  counter += 1;
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return `t_${testRunId()}_${safe}_${process.pid}_${counter}`;
}

export interface TestSchema {
  schema: string;
  /** A URL whose connections default to the schema. */
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh schema for one suite; `drop()` removes it with everything in it. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const schema = uniqueName(label);
  await adminQuery(`CREATE SCHEMA "${schema}"`);
  return {
    schema,
    url: testInfra.adminDatabaseUrl,
    drop: () => adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined),
  };
}

/** Runs one statement as the superuser on the project database. */
export async function adminQuery<R = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: testInfra.adminDatabaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

export function testKafka(clientId = 'pulse-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: testInfra.kafkaBrokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
  });
}

export interface TestTopics {
  /** The prefix every physical topic (and consumer group) of this suite carries. */
  prefix: string;
  drop(): Promise<void>;
}

/**
 * Creates the full topic catalogue (and dead-letter twins) under a per-suite prefix, with the
 * production partition counts. Services under test get `KAFKA_TOPIC_PREFIX=<prefix>`.
 */
export async function createTestTopics(label: string, partitionsOverride?: number): Promise<TestTopics> {
  const prefix = `${uniqueName(label)}.`;
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const specs = allTopicSpecs(prefix).map((s) => ({
      topic: s.topic,
      numPartitions: partitionsOverride ?? s.numPartitions,
      replicationFactor: 1,
    }));
    await createTopicsWaitingForLeaders(admin, specs);
    return {
      prefix,
      drop: async () => {
        const a = testKafka().admin();
        await a.connect();
        try {
          await a.deleteTopics({ topics: specs.map((s) => s.topic) });
        } finally {
          await a.disconnect();
        }
      },
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * `createTopics` with `waitForLeaders`, tolerating kafkajs' leader wait failing with
 * UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this topic-partition"): on a loaded machine
 * the broker can answer the metadata request of kafkajs' wait before the new topics are in its
 * metadata cache, and kafkajs retries only LEADER_NOT_AVAILABLE. The topics were created; this waits
 * (up to 30 s) until every partition has a leader instead of failing the suite.
 */
async function createTopicsWaitingForLeaders(
  admin: ReturnType<Kafka['admin']>,
  specs: { topic: string; numPartitions: number; replicationFactor: number }[],
): Promise<void> {
  try {
    await admin.createTopics({ topics: specs, waitForLeaders: true });
    return;
  } catch (error) {
    if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
  }
  await expectEventually(
    async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
      const led = topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (!led) throw new Error('topics created but some partition has no leader yet');
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

/** Polls `probe` until it stops throwing (an assertion), or rethrows its last error at the timeout. */
export async function expectEventually<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
