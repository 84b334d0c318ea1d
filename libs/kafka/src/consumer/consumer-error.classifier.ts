/**
 * Transient vs poison, for the batch consumer. Only a data error (SQLSTATE class 22 "data exception"
 * or 23 "integrity constraint violation") or an error the handler itself threw (a TypeError on one
 * odd message) can be caused by one message, so only those are worth isolating by bisection. Every
 * other database error — statement timeout 57014, read-only during a failover 25006, out of memory or
 * disk 53xxx, I/O 58xxx, a dropped connection — and every Kafka or network error says nothing about
 * the messages: the chunk is retried with backoff and never reaches the dead-letter topic.
 */
export function isPoisonCandidate(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined) return sqlState.startsWith('22') || sqlState.startsWith('23');
  return !isInfrastructureError(error);
}

/**
 * What identifies "the same failure" across the parts of a chunk: the SQLSTATE when there is one
 * (messages carry per-row values), else the error's name and message.
 */
export function errorSignature(error: unknown): string {
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined) return `sqlstate:${sqlState}`;
  if (error instanceof Error) return `${error.name}:${error.message}`;
  return String(error);
}

/** A one-line description of any thrown value, for logs and dead-letter details. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const NODE_ERRNO = /^E[A-Z0-9_]+$/;
const CONNECTION_LOSS =
  /connection terminated|connection ended|connection timeout|timeout exceeded when trying to connect|not queryable|terminating connection|server closed the connection|socket hang up|read ECONNRESET|write EPIPE/i;

/** The Postgres SQLSTATE of a driver error, a TypeORM QueryFailedError or anything wrapping one. */
function sqlStateOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 3) return undefined;
  const e = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  // No SQLSTATE class starts with E, so `EPIPE` (five letters) is a Node errno, not a SQLSTATE.
  if (typeof e.code === 'string' && SQLSTATE.test(e.code) && !NODE_ERRNO.test(e.code)) return e.code;
  return sqlStateOf(e.driverError, depth + 1) ?? sqlStateOf(e.cause, depth + 1);
}

/** Network, pool, driver-connection and Kafka errors: about the infrastructure, never a message. */
function isInfrastructureError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof e.code === 'string' && NODE_ERRNO.test(e.code)) return true;
  if (
    typeof e.name === 'string' &&
    /^KafkaJS|^TransientFailure$|^ConnectionIsNotSetError$|^QueryRunnerAlreadyReleasedError$/.test(e.name)
  )
    return true;
  if (typeof e.message === 'string' && CONNECTION_LOSS.test(e.message)) return true;
  return isInfrastructureError(e.driverError, depth + 1) || isInfrastructureError(e.cause, depth + 1);
}
