import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { sha256Hex, setupHttpApp } from '@merchant-pulse/http';
import { testInfra } from './test-infra';

/** A secret with scope `*` that every test app accepts (see {@link testServiceEnv}). */
export const TEST_ADMIN_SECRET = 'test-admin-secret';

/**
 * Environment for booting a service under test against the shared servers: its own schema, its own
 * topic prefix, a known API key (`extraKeys` adds scoped ones), production-like validation.
 */
export function testServiceEnv(options: {
  schema: string;
  topicPrefix: string;
  extraKeys?: Array<{ id: string; secret: string; scopes: string[] }>;
  env?: Record<string, string>;
}): Record<string, string> {
  const keys = [
    { id: 'test-admin', sha256: sha256Hex(TEST_ADMIN_SECRET), scopes: ['*'] },
    ...(options.extraKeys ?? []).map((k) => ({ id: k.id, sha256: sha256Hex(k.secret), scopes: k.scopes })),
  ];
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testInfra.adminDatabaseUrl,
    DATABASE_SCHEMA: options.schema,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    REDIS_URL: testInfra.redisUrl,
    API_KEYS: JSON.stringify(keys),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  };
}

/** Boots a service's module in-process as production does (raw body, pino, OpenAPI), without listening. */
export async function startTestApp(module: DynamicModule, service: string): Promise<INestApplication> {
  const app = await NestFactory.create(module, { rawBody: true, bufferLogs: true, abortOnError: false });
  setupHttpApp(app, { service });
  await app.init();
  return app;
}
