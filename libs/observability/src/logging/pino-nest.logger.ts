import { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const STACK_TRACE = /\n\s+at /;

/**
 * Routes Nest's own logging (bootstrap, router mapping, `new Logger(Context)` in services) into pino,
 * so every line the process writes is JSON. Use with `bufferLogs: true` + `app.useLogger(...)`, or
 * `NestFactory.create(module, { logger: new PinoNestLogger(logger) })`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    // Nest calls error(message, stack?, context?): a stack is a string with "at" frames.
    const stack = optionalParams.find((param) => typeof param === 'string' && STACK_TRACE.test(param));
    const rest = optionalParams.filter((param) => param !== stack && param !== undefined);
    this.write('error', message, rest, typeof stack === 'string' ? stack : undefined);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, params: unknown[], stack?: string): void {
    // Nest passes the logging context (class name) as the last string parameter.
    const last = params[params.length - 1];
    const fields: Record<string, unknown> = typeof last === 'string' ? { context: last } : {};
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
