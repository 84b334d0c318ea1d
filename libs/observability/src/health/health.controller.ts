import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../http/public.decorator';
import { SkipRateLimit } from '../http/skip-rate-limit.decorator';
import type { ReadinessReport } from './health-check.interface';
import { HealthService } from './health.service';

/** Liveness and readiness probes: public and never rate limited. */
@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * 200 while the process serves HTTP and its in-process liveness checks pass (e.g. no consumer group
   * down after a crash); checks no dependency (a restart would not fix them). 503 names the failed ones.
   */
  @Get('live')
  async live(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ok' } | ReadinessReport> {
    const report = await this.health.liveness();
    if (report.status === 'ok') return { status: 'ok' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /** 200 when every dependency answers in time, else 503 naming the failed ones. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
