import 'reflect-metadata';
import { consoleApiKeys, loadConfig } from '@merchant-pulse/config';
import { ServiceConfig } from '@merchant-pulse/platform';
import {
  createTestSchema,
  createTestTopics,
  startTestApp,
  TEST_ADMIN_SECRET,
  testInfra,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule as AfterSalesTickets } from '../../apps/after-sales-tickets/src/app.module';
import { AfterSalesTicketsConfig } from '../../apps/after-sales-tickets/src/config/after-sales-tickets.config';
import { AppModule as ChurnScoring } from '../../apps/churn-scoring/src/app.module';
import { ChurnScoringConfig } from '../../apps/churn-scoring/src/config/churn-scoring.config';
import { AppModule as MerchantRegistry } from '../../apps/merchant-registry/src/app.module';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import { AppModule as OpsConsole } from '../../apps/ops-console/src/app.module';
import { DEVELOPMENT_SERVICE_KEYS } from '../../apps/ops-console/src/config/service-keys';
import { OpsConsoleConfig } from '../../apps/ops-console/src/config/ops-console.config';
import { AppModule as ReactivationCampaigns } from '../../apps/reactivation-campaigns/src/app.module';
import { ReactivationCampaignsConfig } from '../../apps/reactivation-campaigns/src/config/reactivation-campaigns.config';
import { AppModule as TransactionIngestion } from '../../apps/transaction-ingestion/src/app.module';
import { TransactionIngestionConfig } from '../../apps/transaction-ingestion/src/config/transaction-ingestion.config';

export const ROOT = join(__dirname, '..', '..');
export const WEB_DIR = join(ROOT, 'dist', 'apps', 'ops-console', 'web');

export type StackService = 'registry' | 'ingestion' | 'churn' | 'campaigns' | 'tickets';

interface ServiceSpec {
  key: StackService;
  name: string;
  configClass: Type<ServiceConfig>;
  module: { forRoot(config: never): DynamicModule };
}

const SERVICES: ServiceSpec[] = [
  {
    key: 'registry',
    name: 'merchant-registry',
    configClass: MerchantRegistryConfig,
    module: MerchantRegistry,
  },
  {
    key: 'ingestion',
    name: 'transaction-ingestion',
    configClass: TransactionIngestionConfig,
    module: TransactionIngestion,
  },
  { key: 'churn', name: 'churn-scoring', configClass: ChurnScoringConfig, module: ChurnScoring },
  {
    key: 'campaigns',
    name: 'reactivation-campaigns',
    configClass: ReactivationCampaignsConfig,
    module: ReactivationCampaigns,
  },
  {
    key: 'tickets',
    name: 'after-sales-tickets',
    configClass: AfterSalesTicketsConfig,
    module: AfterSalesTickets,
  },
];

export interface RunningService {
  app: INestApplication;
  url: string;
  schema: TestSchema;
}

/** The five services and the console BFF, listening on loopback ports, over the shared test servers. */
export interface ConsoleStack {
  /** The console's base URL (BFF serving the built web app). */
  url: string;
  services: Record<StackService, RunningService>;
  topics: TestTopics;
  /** A service call with the test admin key (scope `*`), for seeding and moving clocks. */
  admin<T = unknown>(service: StackService, method: string, path: string, body?: unknown): Promise<T>;
  /** Registers, documents, approves and activates a merchant (consent for every channel and purpose). */
  /** Registers and activates a merchant (every consent, no quiet hours); `region` defaults to the fixture's. */
  activeMerchant(displayName: string, region?: string): Promise<{ id: string; phone: string }>;
  close(): Promise<void>;
}

let merchantCounter = 0;

/** Builds the web app once per run when dist/ has none (the BFF serves it from there). */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIR, 'index.html')) && !process.env.CONSOLE_REBUILD) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/ops-console/web/vite.config.mjs',
      '--logLevel',
      'warn',
    ],
    // A production bundle even under Jest (NODE_ENV=test would give React's development build).
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Boots the stack: every service in its own schema with one topic prefix (so events flow between them),
 * accepting the console's development role keys; tickets run on a settable clock starting at `clockStart`.
 */
export async function startConsoleStack(
  label: string,
  options: { clockStart: string },
): Promise<ConsoleStack> {
  ensureWebBuilt();
  const topics = await createTestTopics(label);
  const roleKeys = consoleApiKeys(DEVELOPMENT_SERVICE_KEYS).map((k) => ({ ...k }));
  const apiKeys = (extra: Array<{ id: string; sha256: string; scopes: string[] }>) =>
    JSON.stringify([{ id: 'test-admin', sha256: sha256(TEST_ADMIN_SECRET), scopes: ['*'] }, ...extra]);
  const running: Partial<Record<StackService, RunningService>> = {};
  const started: INestApplication[] = [];
  try {
    for (const spec of SERVICES) {
      const schema = await createTestSchema(`${label}-${spec.key}`);
      const env = testServiceEnv({
        schema: schema.schema,
        topicPrefix: topics.prefix,
        env: {
          API_KEYS: apiKeys(roleKeys),
          ...serviceEnv(spec.key, running, options.clockStart),
        },
      });
      const config = loadConfig(spec.configClass, env);
      const app = await startTestApp(spec.module.forRoot(config as never), spec.name);
      started.push(app);
      running[spec.key] = { app, url: await listen(app), schema };
    }
    const services = running as Record<StackService, RunningService>;
    const consoleConfig = loadConfig(OpsConsoleConfig, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: testInfra.redisUrl,
      CONSOLE_REDIS_PREFIX: `pulse:console-test:${label}:${randomBytes(4).toString('hex')}:`,
      CONSOLE_WEB_DIR: WEB_DIR,
      REGISTRY_URL: services.registry.url,
      INGESTION_URL: services.ingestion.url,
      CHURN_URL: services.churn.url,
      CAMPAIGNS_URL: services.campaigns.url,
      TICKETS_URL: services.tickets.url,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const bff = await startTestApp(OpsConsole.forRoot(consoleConfig), 'ops-console');
    started.push(bff);
    const url = await listen(bff);
    const admin = async <T>(
      service: StackService,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<T> => {
      const res = await fetch(`${services[service].url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${TEST_ADMIN_SECRET}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${service}${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const activeMerchant = async (displayName: string, region?: string) => {
      merchantCounter += 1;
      const phone = `1380${String(process.pid % 1000).padStart(3, '0')}${String(merchantCounter).padStart(4, '0')}`;
      const consents = ['sms', 'email', 'phone'].flatMap((channel) =>
        ['marketing', 'service'].map((purpose) => ({ channel, purpose, granted: true })),
      );
      const application = individualApplication({
        displayName,
        // No quiet hours (start = end): like OUTREACH_BUSINESS_HOURS below, the stack's outreach goes out at
        // any hour, so a test at 07:00 Shanghai is not held until the registry's default 09:00.
        contact: { name: '王小明', phone, quietHours: { start: '00:00', end: '00:00' } },
        consents,
        ...(region ? { region } : {}),
      });
      const { id } = await admin<{ id: string }>('registry', 'POST', '/v1/merchants', application);
      for (const type of ['id_card_front', 'id_card_back', 'settlement_card']) {
        const res = await fetch(`${services.registry.url}/v1/merchants/${id}/documents/${type}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${TEST_ADMIN_SECRET}`, 'Content-Type': 'application/pdf' },
          body: Buffer.from(`%PDF-1.4 ${id} ${type}`),
        });
        if (!res.ok) throw new Error(`document ${type} → ${res.status} ${await res.text()}`);
      }
      await admin('registry', 'POST', `/v1/merchants/${id}/submit`, {});
      await admin('registry', 'POST', `/v1/merchants/${id}/review`, { decision: 'start' });
      await admin('registry', 'POST', `/v1/merchants/${id}/review`, {
        decision: 'approve',
        reasonCodes: ['documents_verified'],
      });
      await admin('registry', 'POST', `/v1/merchants/${id}/activate`, {});
      return { id, phone };
    };
    return {
      url,
      services,
      topics,
      admin,
      activeMerchant,
      close: async () => {
        for (const app of started.reverse()) await app.close().catch(() => undefined);
        for (const s of Object.values(services)) await s.schema.drop().catch(() => undefined);
        await topics.drop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    throw error;
  }
}

function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function serviceEnv(
  key: StackService,
  running: Partial<Record<StackService, RunningService>>,
  clockStart: string,
): Record<string, string> {
  switch (key) {
    case 'registry':
      return {
        OBJECT_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'console-objects-')),
        FEE_PLAN_JOB_INTERVAL_MS: '3600000',
      };
    case 'campaigns':
      // Outreach at any hour: the suite runs at any time of day, business hours would defer the call tasks.
      return {
        REGISTRY_URL: running.registry?.url ?? '',
        REGISTRY_API_KEY: TEST_ADMIN_SECRET,
        OUTREACH_BUSINESS_HOURS: '00:00-24:00',
      };
    case 'tickets':
      return { CLOCK_START: clockStart };
    case 'ingestion':
      // A transaction of an unknown merchant waits 1 s for its registration, then becomes a dead letter
      // (the dead-letter test runs the maintenance job itself; hourly here so it does not race it).
      return { PARKED_TTL_MS: '1000', MAINTENANCE_INTERVAL_MS: '3600000' };
    default:
      return {};
  }
}
