import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@merchant-pulse/http';
import { CONSOLE_SERVICES, ConsoleService } from './console-services';

/** What the web app needs to know before sign-in (no secrets, no internal addresses). */
@ApiTags('config')
@Public()
@Controller('api/config')
export class ConsoleConfigController {
  @Get()
  @ApiOperation({ summary: 'Services (the console path to call each) and the UI languages' })
  @ApiOkResponse({
    schema: {
      example: { services: { registry: { baseUrl: '/api/svc/registry' } }, locales: ['zh-CN', 'en'] },
    },
  })
  get(): { services: Record<ConsoleService, { baseUrl: string }>; locales: string[] } {
    const services = Object.fromEntries(
      CONSOLE_SERVICES.map((service) => [service, { baseUrl: `/api/svc/${service}` }]),
    ) as Record<ConsoleService, { baseUrl: string }>;
    return { services, locales: ['zh-CN', 'en'] };
  }
}
