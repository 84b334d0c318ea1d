import { HealthCheck, PublicHealthCheckError } from './health-check.interface';

/**
 * Postgres is ready when `SELECT 1` answers. Pass the service's TypeORM `DataSource` (or anything
 * with `query(sql)`); this lib stays free of typeorm.
 */
export function postgresCheck(
  dataSource: { query(sql: string): Promise<unknown> },
  name = 'postgres',
): HealthCheck {
  return {
    name,
    check: async () => {
      await dataSource.query('SELECT 1');
    },
  };
}

/**
 * Kafka is ready when the cluster can be described. Pass a *connected* kafkajs `Admin`: with a stopped
 * broker kafkajs keeps retrying for far longer than a probe may wait, so the readiness runner's
 * per-check timeout is what reports it down.
 */
export function kafkaCheck(admin: { describeCluster(): Promise<unknown> }, name = 'kafka'): HealthCheck {
  return {
    name,
    check: async () => {
      await admin.describeCluster();
    },
  };
}

/**
 * Redis is ready when `PING` answers `PONG`. Pass an ioredis client; while it is disconnected its
 * offline queue holds the command, and the per-check timeout reports Redis down.
 */
export function redisCheck(client: { ping(): Promise<string> }, name = 'redis'): HealthCheck {
  return {
    name,
    check: async () => {
      const reply = await client.ping();
      if (reply !== 'PONG') throw new PublicHealthCheckError(`unexpected PING reply "${reply}"`);
    },
  };
}
