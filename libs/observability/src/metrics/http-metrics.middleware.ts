import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UNMATCHED_ROUTE, routeTemplateOf } from '../http/route-template';
import { MetricsService } from './metrics.service';

/**
 * Counts and times every HTTP request — including ones rejected by guards (401/403/429) and 404s —
 * labelled by the route template, never the raw URL, so cardinality stays bounded.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const labels = {
        method: request.method,
        route: routeTemplateOf(request) ?? UNMATCHED_ROUTE,
        status: String(response.statusCode),
      };
      this.metrics.httpRequestsTotal.inc(labels);
      this.metrics.httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}
