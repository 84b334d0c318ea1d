import { DataSource, EntityManager } from 'typeorm';

/** Postgres isolation levels TypeORM accepts. */
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws.
 * Repositories take the `EntityManager` so a use case can put several writes (state + outbox)
 * into the same transaction.
 */
export async function withTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return dataSource.transaction(isolation, work);
}

const TRANSIENT_PG_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * True when retrying the same work later may succeed: connection loss, deadlocks, serialization
 * failures, a restarting server. Constraint violations and bad data are not transient.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; driverError?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (TRANSIENT_PG_CODES.has(code) || code.startsWith('08') || TRANSIENT_NODE_CODES.has(code)))
    return true;
  if (e.driverError && e.driverError !== error) return isTransientDatabaseError(e.driverError);
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
}
