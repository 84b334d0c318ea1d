import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CorrelatedRequest, InjectLogger, currentCorrelationId } from '@merchant-pulse/observability';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';

/**
 * Global exception filter (registered by `HttpPlatformModule`). `HttpException`s keep their body
 * (completed with `statusCode` and `error` when thrown with a bare message); anything else is a bug:
 * its stack is logged and the caller gets 500 `{statusCode, error, correlationId}` — never internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      this.logger.error({ err: exception }, 'unhandled exception outside HTTP');
      return;
    }
    const request = host.switchToHttp().getRequest<CorrelatedRequest>();
    const response = host.switchToHttp().getResponse<unknown>();
    const [status, body] =
      exception instanceof HttpException ? httpBody(exception) : this.internalError(exception, request);
    this.adapterHost.httpAdapter.reply(response, body, status);
  }

  private internalError(exception: unknown, request: CorrelatedRequest): [number, object] {
    const correlationId = currentCorrelationId() ?? request.correlationId;
    this.logger.error(
      { err: exception, method: request.method, path: request.path, correlationId },
      'unhandled exception while serving request',
    );
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return [status, { statusCode: status, error: STATUS_CODES[status], correlationId }];
  }
}

function httpBody(exception: HttpException): [number, object] {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const defaults = { statusCode: status, error: STATUS_CODES[status] ?? 'Error' };
  if (typeof response === 'string') return [status, { ...defaults, message: response }];
  return [status, { ...defaults, ...response }];
}
