import { Controller, Get, Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import request from 'supertest';
import { postgresCheck } from './health/dependency.checks';
import { HealthService } from './health/health.service';
import { currentCorrelationId } from './logging/correlation.context';
import { MetricsService } from './metrics/metrics.service';
import { ObservabilityModule } from './observability.module';

const DATA_SOURCE = Symbol('data-source');

@Global()
@Module({
  providers: [
    { provide: DATA_SOURCE, useValue: { query: async () => Promise.reject(new Error('db down')) } },
  ],
  exports: [DATA_SOURCE],
})
class FakeDatabaseModule {}

@Controller('echo')
class EchoController {
  @Get()
  async echo(): Promise<{ correlationId: string | undefined }> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { correlationId: currentCorrelationId() };
  }
}

describe(ObservabilityModule.name, () => {
  let app: INestApplication;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeDatabaseModule,
        ObservabilityModule.forRoot({
          service: 'svc',
          logger: pino({ level: 'silent' }),
          metrics: new MetricsService({ defaultMetrics: false }),
          healthChecks: [
            {
              inject: [DATA_SOURCE],
              useFactory: (ds: { query(sql: string): Promise<unknown> }) => postgresCheck(ds),
            },
          ],
        }),
      ],
      controllers: [EchoController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterEach(async () => {
    await app.close();
  });

  it('should build a check from injected dependencies when a factory is registered', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);

    expect(response.body).toMatchObject({
      failed: ['postgres'],
      checks: { postgres: { error: 'unavailable' } },
    });
  });

  it('should run checks registered at boot when a lib adds one', async () => {
    app.get(HealthService).register({ name: 'kafka', check: async () => undefined });

    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);

    expect(response.body.checks.kafka).toMatchObject({ status: 'up' });
  });

  it('should expose the correlation id to handler code when the request carries x-request-id', async () => {
    const response = await request(app.getHttpServer()).get('/echo').set('x-request-id', 'req-7').expect(200);

    expect(response.body).toEqual({ correlationId: 'req-7' });
    expect(response.headers['x-correlation-id']).toBe('req-7');
  });

  it('should replace the incoming id when it could inject log lines', async () => {
    const response = await request(app.getHttpServer())
      .get('/echo')
      .set('x-correlation-id', 'a b\tc')
      .expect(200);

    expect(response.body.correlationId).not.toBe('a b\tc');
    expect(response.headers['x-correlation-id']).toBe(response.body.correlationId);
  });
});
