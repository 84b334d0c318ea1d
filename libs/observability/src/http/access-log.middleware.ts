import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { InjectLogger } from '../logging/logger.token';
import { CorrelatedRequest } from './correlation.middleware';
import { pathOf, routeTemplateOf } from './route-template';

/** Probed or scraped every few seconds: logged at debug so they do not drown the access log. */
const QUIET_PATHS = new Set(['/health/live', '/metrics']);

/**
 * One info line per HTTP request when its response closes: method, route template, path (no query),
 * status, duration_ms and correlationId. Health probes and scrapes are logged at debug.
 */
@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  constructor(@InjectLogger() private readonly logger: Logger) {}

  use(request: CorrelatedRequest, response: Response, next: NextFunction): void {
    // Above info (e.g. LOG_LEVEL=warn) no access line can be written: no listener, no per-request work.
    if (!this.logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const path = pathOf(request);
      const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
      if (!this.logger.isLevelEnabled(level)) return;
      const line = {
        method: request.method,
        route: routeTemplateOf(request),
        path,
        status: response.statusCode,
        duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
        correlationId: request.correlationId,
        ...(response.writableFinished ? {} : { aborted: true }),
      };
      this.logger[level](line, 'http request');
    });
    next();
  }
}
