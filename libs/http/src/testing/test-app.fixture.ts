// Test fixture (not exported from the lib): a tiny app wired exactly like a service, for the e2e-style specs.
import {
  Body,
  Controller,
  Get,
  INestApplication,
  Module,
  Param,
  Post,
  RawBodyRequest,
  Req,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  HealthCheck,
  MetricsService,
  ObservabilityModule,
  createLogger,
  postgresCheck,
} from '@merchant-pulse/observability';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import type { Request } from 'express';
import { Writable } from 'node:stream';
import { ApiKeyPrincipal } from '../api-keys/api-key.principal';
import { sha256Hex } from '../api-keys/api-key.store';
import { CurrentApiKey } from '../api-keys/current-api-key.decorator';
import { RequireScopes } from '../api-keys/require-scopes.decorator';
import { setupHttpApp } from '../bootstrap/http-app.setup';
import { HttpPlatformModule } from '../http-platform.module';

export class ContactDto {
  @IsString()
  phone: string;
}

export class CreateMerchantDto {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @IsInt()
  @Min(1)
  terminals: number;
}

@RequireScopes('merchants:read')
@Controller('v1/merchants')
export class MerchantsController {
  @Get(':id')
  find(@Param('id') id: string, @CurrentApiKey() key: ApiKeyPrincipal): { id: string; caller: string } {
    return { id, caller: key.id };
  }

  @RequireScopes('merchants:write')
  @Post()
  create(@Body() body: CreateMerchantDto): { name: string; isDto: boolean } {
    return { name: body.name, isDto: body instanceof CreateMerchantDto };
  }

  @Post('raw')
  raw(@Req() request: RawBodyRequest<Request>): { rawBody: string } {
    return { rawBody: request.rawBody!.toString('utf8') };
  }

  @Get(':id/explode')
  explode(): never {
    throw new Error('database password is hunter2');
  }
}

export const READER_SECRET = 'reader-secret';
export const ADMIN_SECRET = 'admin-secret';
const API_KEYS = JSON.stringify([
  { id: 'ops-dashboard', sha256: sha256Hex(READER_SECRET), scopes: ['merchants:read'] },
  { id: 'admin', sha256: sha256Hex(ADMIN_SECRET), scopes: ['*'] },
]);

export interface Harness {
  app: INestApplication;
  logs: Array<Record<string, unknown>>;
  metrics: MetricsService;
}

export async function bootApp(
  checks: HealthCheck[],
  rateLimitPerMinute = 100,
  platform: { RATE_LIMIT_STORE?: 'redis' | 'memory'; REDIS_URL?: string; service?: string } = {},
): Promise<Harness> {
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const logger = createLogger({ service: 'test-service', level: 'debug', destination });
  const metrics = new MetricsService({ defaultMetrics: false });
  const { service, ...store } = platform;
  const config = { NODE_ENV: 'test' as const, API_KEYS, RATE_LIMIT_PER_MINUTE: rateLimitPerMinute, ...store };

  @Module({
    imports: [
      ObservabilityModule.forRoot({
        service: 'test-service',
        logger,
        metrics,
        healthChecks: checks,
        healthCheckTimeoutMs: 100,
      }),
      HttpPlatformModule.forRoot({ config, service }),
    ],
    controllers: [MerchantsController],
  })
  class TestAppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
  const app = moduleRef.createNestApplication({ rawBody: true, bufferLogs: true });
  setupHttpApp(app, { service: 'test-service', version: '1.2.3' });
  await app.init();
  return { app, logs, metrics };
}

export const healthy: HealthCheck[] = [
  postgresCheck({ query: async () => [{ '?column?': 1 }] }),
  { name: 'redis', check: async () => undefined },
];
