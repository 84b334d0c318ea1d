import { AsyncLocalStorage } from 'node:async_hooks';

interface CorrelationContext {
  correlationId: string;
}

/** One store per process: every log line written inside a request or consumed event carries its id. */
const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * Runs `fn` (and everything it awaits or schedules) with `correlationId` as the current correlation id.
 * HTTP requests get one from {@link CorrelationMiddleware}; Kafka consumers should wrap each event's
 * handling with the envelope's `correlationId` so logs and produced events can be traced end to end.
 */
export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The correlation id of the request or event being handled, or `undefined` outside any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
