import pino, { DestinationStream, LevelWithSilentOrString, Logger } from 'pino';
import { currentCorrelationId } from './correlation.context';

export type { Logger } from 'pino';

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Service name, written as `service` on every line (e.g. `merchant-registry`). */
  service: string;
  /** pino level (default `info`), usually `config.LOG_LEVEL`. */
  level?: LevelWithSilentOrString;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/**
 * The process's structured logger: one JSON object per line on stdout (no pretty-printing, so log
 * shippers can parse it), with `service`, an ISO `time`, a textual `level`, and the current
 * `correlationId` (see {@link runWithCorrelation}) when there is one.
 */
export function createLogger({ service, level = 'info', destination }: CreateLoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
