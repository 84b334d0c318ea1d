import { Controller, Get, Headers, Inject, Optional, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../http/public.decorator';
import { SkipRateLimit } from '../http/skip-rate-limit.decorator';
import { MetricsService } from './metrics.service';

/** Injection token of the bearer token `GET /metrics` requires (unset: public). */
export const METRICS_TOKEN = Symbol('merchant-pulse:metrics-token');

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * `GET /metrics`: Prometheus scrape endpoint, never rate limited. Outside the API keys: when a metrics
 * token is configured (`METRICS_TOKEN`, required in production) the scraper must send
 * `Authorization: Bearer <token>`, else 401; without one it is public.
 */
@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    @Optional() @Inject(METRICS_TOKEN) token?: string,
  ) {
    this.expected = token ? digest(token) : undefined;
  }

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (this.expected && !this.authorized(authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"',
      });
    }
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.metrics();
  }

  /** Compares digests in constant time, so the answer's timing says nothing about the token. */
  private authorized(authorization: string | undefined): boolean {
    const presented = BEARER.exec(authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(digest(presented), this.expected!);
  }
}
