import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CONSOLE_ROLES, ConsoleRole, consoleApiKeys } from '@merchant-pulse/config';
import { sha256Hex, setupHttpApp } from '@merchant-pulse/http';
import { testInfra } from './test-infra';

/** A secret with scope `*` that every test app accepts (see {@link testServiceEnv}). */
export const TEST_ADMIN_SECRET = 'test-admin-secret';

/**
 * The ops console's role secrets in tests (its `CONSOLE_SERVICE_KEYS`); every test app accepts them
 * with the role's scopes (docs/services/ops-console.md), as the services of a deployment do.
 */
export const CONSOLE_TEST_SERVICE_KEYS: Readonly<Record<ConsoleRole, string>> = Object.fromEntries(
  CONSOLE_ROLES.map((role) => [role, `test-console-${role}-secret-0123456789abcdef`]),
) as Record<ConsoleRole, string>;

/**
 * Environment for booting a service under test against the shared servers: its own schema, its own
 * topic prefix, its own BullMQ queue prefix, a known API key (`extraKeys` adds scoped ones) and the ops console's role keys
 * ({@link CONSOLE_TEST_SERVICE_KEYS}), production-like validation.
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
    ...consoleApiKeys(CONSOLE_TEST_SERVICE_KEYS),
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
    // BullMQ queues per schema: a job an earlier suite (or the demo) left in Redis under the default
    // `pulse` prefix is never picked up by a later suite's worker, nor held behind its rate limiter.
    QUEUE_PREFIX: `pulse-test:${options.schema}`,
    OUTREACH_QUEUE_PREFIX: `pulse-test:${options.schema}`,
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
