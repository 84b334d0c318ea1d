import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { ServiceConfig } from './service.config';
import { ApiStandardErrors } from '@merchant-pulse/http';

const startedAt = new Date().toISOString();

/** Identity of the running service; guarded like every route (any valid API key). */
@ApiTags('service')
@ApiStandardErrors()
@Controller('v1/service')
export class ServiceInfoController {
  constructor(
    @Inject(ServiceConfig) private readonly config: ServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject('SERVICE_NAME') private readonly service: string,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Which service and version answers, in which mode, and its clock' })
  @ApiOkResponse({
    schema: {
      example: {
        service: 'merchant-registry',
        version: '0.1.0',
        environment: 'production',
        startedAt: '2026-11-23T08:00:00.000Z',
        clock: '2026-11-23T09:12:00.000Z',
      },
    },
  })
  info(): Record<string, string> {
    return {
      service: this.service,
      version: process.env.npm_package_version ?? '0.1.0',
      environment: this.config.NODE_ENV,
      startedAt,
      clock: this.clock.now().toISOString(),
    };
  }
}
