import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, FakeClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { setupHttpApp } from '@merchant-pulse/http';
import {
  createTestSchema,
  createTestTopics,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { MerchantRegistryConfig } from '../src/config/merchant-registry.config';

/** Secrets of the test API keys. */
export const KEYS = {
  ops: 'ops-secret',
  reader: 'reader-secret',
  pii: 'pii-secret',
  search: 'search-secret',
} as const;

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The registry booted in-process on real Postgres, Kafka and Redis, with a fake clock. */
export interface RegistryHarness {
  app: INestApplication;
  config: MerchantRegistryConfig;
  clock: FakeClock;
  schema: TestSchema;
  topics: TestTopics;
  /** Where this registry's object storage keeps document bytes. */
  objectsDir: string;
  close(): Promise<void>;
  /** Stops the app but keeps schema, topics and objects, for a restart with {@link RegistryRestart}. */
  stop(): Promise<void>;
}

/** What a restarted registry reuses from a previous one, and env it overrides (e.g. PII keys). */
export interface RegistryRestart {
  from?: Pick<RegistryHarness, 'schema' | 'topics' | 'objectsDir'>;
  env?: Record<string, string>;
}

export async function startRegistry(label: string, restart: RegistryRestart = {}): Promise<RegistryHarness> {
  const schema = restart.from?.schema ?? (await createTestSchema(label));
  const topics = restart.from?.topics ?? (await createTestTopics(label, 1));
  const objects = restart.from?.objectsDir ?? mkdtempSync(join(tmpdir(), 'registry-objects-'));
  const config = loadConfig(MerchantRegistryConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testInfra.adminDatabaseUrl,
    DATABASE_SCHEMA: schema.schema,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    REDIS_URL: testInfra.redisUrl,
    KAFKA_TOPIC_PREFIX: topics.prefix,
    OBJECT_STORAGE_DIR: objects,
    FEE_PLAN_JOB_INTERVAL_MS: '3600000',
    API_KEYS: JSON.stringify([
      { id: 'ops', sha256: sha(KEYS.ops), scopes: ['merchants:read', 'merchants:write', 'merchants:review'] },
      { id: 'reader', sha256: sha(KEYS.reader), scopes: ['merchants:read'] },
      {
        id: 'pii-reader',
        sha256: sha(KEYS.pii),
        scopes: ['merchants:read', 'pii:read', 'pii:search', 'pii:admin'],
      },
      { id: 'searcher', sha256: sha(KEYS.search), scopes: ['merchants:read', 'pii:search'] },
    ]),
    ...restart.env,
  });
  // A clock that moves only when the test says so (fee-plan effective dates, timeline order).
  const clock = new FakeClock('2026-03-01T02:00:00.000Z');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupHttpApp(app, { service: 'merchant-registry' });
  await app.init();
  return {
    app,
    config,
    clock,
    schema,
    topics,
    objectsDir: objects,
    stop: () => app.close(),
    close: async () => {
      await app.close();
      await schema.drop();
      await topics.drop();
      rmSync(objects, { recursive: true, force: true });
    },
  };
}
