import { allTopicSpecs } from '@merchant-pulse/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';

/**
 * Which servers the integration suite uses: `local` (default: the machine's Postgres, Redis and the
 * Kafka of `npm run infra:up`) or `testcontainers` (throwaway containers started by the global setup,
 * needs a Docker daemon). Set with `PULSE_TEST_SERVERS=testcontainers`.
 */
export const TEST_SERVERS_ENV = 'PULSE_TEST_SERVERS';

/** Images of the `testcontainers` mode (pinned tags; same major versions as the local servers). */
export const CONTAINER_IMAGES = {
  postgres: 'postgres:15.14-bookworm',
  redis: 'redis:7.4.6-bookworm',
  kafka: 'confluentinc/cp-kafka:7.9.4',
} as const;

/** Started containers: the environment the tests read, and how to stop them. */
export interface ContainerServers {
  env: { TEST_DATABASE_URL: string; KAFKA_BROKERS: string; REDIS_URL: string };
  stop(): Promise<void>;
}

export function testServersMode(): 'local' | 'testcontainers' {
  const mode = process.env[TEST_SERVERS_ENV] ?? 'local';
  if (mode !== 'local' && mode !== 'testcontainers')
    throw new Error(`${TEST_SERVERS_ENV} must be local or testcontainers, got "${mode}"`);
  return mode;
}

/**
 * Starts Postgres (with tools/infra/postgres/bootstrap.sql run by the image's init, as in
 * docker-compose: database merchant_pulse, the five service roles and schemas), Redis (AOF,
 * noeviction, as infra:up) and a single KRaft Kafka broker with the project's topics, in parallel.
 * The testcontainers packages are loaded only here, so the default mode never touches Docker.
 */
export async function startContainerServers(root: string): Promise<ContainerServers> {
  const [{ PostgreSqlContainer }, { RedisContainer }, { KafkaContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
    import('@testcontainers/kafka'),
  ]);
  const [postgres, redis, kafka] = await Promise.all([
    new PostgreSqlContainer(CONTAINER_IMAGES.postgres)
      .withDatabase('merchant_pulse')
      .withUsername('postgres')
      .withPassword('postgres')
      .withCopyFilesToContainer([
        {
          source: join(root, 'tools/infra/postgres/bootstrap.sql'),
          target: '/docker-entrypoint-initdb.d/bootstrap.sql',
        },
      ])
      .start(),
    new RedisContainer(CONTAINER_IMAGES.redis)
      .withCommand(['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])
      .start(),
    new KafkaContainer(CONTAINER_IMAGES.kafka).withKraft().start(),
  ]);
  const brokers = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  const admin = new Kafka({
    clientId: 'pulse-test-containers',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: allTopicSpecs().map((s) => ({
        topic: s.topic,
        numPartitions: s.numPartitions,
        replicationFactor: 1,
      })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  return {
    env: {
      TEST_DATABASE_URL: postgres.getConnectionUri(),
      KAFKA_BROKERS: brokers,
      REDIS_URL: redis.getConnectionUrl(),
    },
    stop: async () => {
      await Promise.allSettled([postgres.stop(), redis.stop(), kafka.stop()]);
    },
  };
}
