import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, FakeClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { createEvent, EVENT_EXAMPLES, EventType, topicOf } from '@merchant-pulse/contracts';
import { setupHttpApp, sha256Hex } from '@merchant-pulse/http';
import { eventHeaders } from '@merchant-pulse/kafka';
import {
  createTestSchema,
  expectEventually,
  testInfra,
  testKafka,
  TestSchema,
  uniqueName,
} from '@merchant-pulse/testing';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { individualApplication } from '../../../apps/merchant-registry/test/registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from '../../../apps/merchant-registry/test/registry.harness';
import { AppModule } from '../../../apps/reactivation-campaigns/src/app.module';
import { ReactivationCampaignsConfig } from '../../../apps/reactivation-campaigns/src/config/reactivation-campaigns.config';
import {
  MerchantContext,
  MerchantContextReader,
} from '../../../apps/reactivation-campaigns/src/merchants/merchant-context';
import type {
  CampaignStep,
  EnrolledMerchant,
} from '../../../apps/reactivation-campaigns/src/outreach/outreach-scheduler';
import {
  SendRecord,
  SendRecordRepository,
} from '../../../apps/reactivation-campaigns/src/outreach/send-record.repository';
import { SmsSink, SmtpSink } from '../../bench/campaigns/outreach-sinks';

let merchantCounter = 0;

/** Secrets the campaigns service and the agents use. */
export const OUTREACH_KEYS = {
  campaigns: 'campaigns-registry-secret',
  agent: 'agent-secret',
  admin: 'campaigns-admin-secret',
};

/**
 * merchant-registry (in-process, listening on loopback) + reactivation-campaigns (in-process, same topics)
 * on real Postgres, Kafka and Redis, with a local SMTP server and a local HTTP SMS gateway.
 */
export class OutreachHarness {
  registry!: RegistryHarness;
  registryUrl = '';
  smtp = new SmtpSink();
  sms = new SmsSink();
  clock = new FakeClock('2026-03-02T02:00:00.000Z'); // 10:00 in Shanghai, a Monday
  schema!: TestSchema;
  queuePrefix = uniqueName('outreach_q');
  campaigns!: INestApplication;
  config!: ReactivationCampaignsConfig;

  async start(env: Record<string, string> = {}): Promise<this> {
    this.registry = await startRegistry('outreach', {
      env: {
        API_KEYS: JSON.stringify([
          {
            id: 'ops',
            sha256: sha256Hex(KEYS.ops),
            scopes: ['merchants:read', 'merchants:write', 'merchants:review'],
          },
          {
            id: 'reactivation-campaigns',
            sha256: sha256Hex(OUTREACH_KEYS.campaigns),
            scopes: ['outreach:contact', 'merchants:read', 'merchants:write'],
          },
        ]),
      },
    });
    await this.registry.app.listen(0, '127.0.0.1');
    this.registryUrl = `http://127.0.0.1:${(this.registry.app.getHttpServer().address() as AddressInfo).port}`;
    await this.smtp.start();
    await this.sms.start();
    this.schema = await createTestSchema('outreach');
    await this.boot(env);
    return this;
  }

  /** Boots (or re-boots, after {@link stopCampaigns}) the campaigns service on the same schema and queues. */
  async boot(env: Record<string, string> = {}): Promise<void> {
    this.config = loadConfig(ReactivationCampaignsConfig, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testInfra.adminDatabaseUrl,
      DATABASE_SCHEMA: this.schema.schema,
      KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.registry.topics.prefix,
      REDIS_URL: testInfra.redisUrl,
      API_KEYS: JSON.stringify([
        { id: 'admin', sha256: sha256Hex(OUTREACH_KEYS.admin), scopes: ['*'] },
        { id: 'agent-li', sha256: sha256Hex(OUTREACH_KEYS.agent), scopes: ['phone-tasks:work'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
      OUTREACH_QUEUE_PREFIX: this.queuePrefix,
      REGISTRY_URL: this.registryUrl,
      REGISTRY_API_KEY: OUTREACH_KEYS.campaigns,
      SMTP_PORT: String(this.smtp.port),
      SMS_GATEWAY_URL: this.sms.url,
      SMS_GATEWAY_API_KEY: 'sms-gateway-test-key',
      OUTREACH_BACKOFF_MS: '100',
      OUTREACH_ATTEMPTS: '3',
      ...env,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(this.config)] })
      .overrideProvider(Clock)
      .useValue(this.clock)
      .compile();
    this.campaigns = moduleRef.createNestApplication({ logger: false });
    setupHttpApp(this.campaigns, { service: 'reactivation-campaigns' });
    await this.campaigns.init();
  }

  async stopCampaigns(): Promise<void> {
    await this.campaigns.close();
  }

  async close(): Promise<void> {
    await this.campaigns?.close();
    await this.registry?.close();
    await this.smtp.stop();
    await this.sms.stop();
    await this.schema?.drop();
  }

  registryHttp(): ReturnType<typeof request> {
    return request(this.registry.app.getHttpServer());
  }

  campaignsHttp(): ReturnType<typeof request> {
    return request(this.campaigns.getHttpServer());
  }

  /** Registers a merchant in the registry and walks it to active; waits until campaigns projected it. */
  async activeMerchant(
    options: {
      consents?: Array<{ channel: string; purpose: string; granted: boolean }>;
      email?: boolean;
      quietHours?: { start: string; end: string };
    } = {},
  ): Promise<{ id: string; phone: string; email: string | null }> {
    const auth = { Authorization: `Bearer ${KEYS.ops}` };
    merchantCounter += 1;
    const phone = `1391${String(process.pid % 1000).padStart(3, '0')}${String(merchantCounter).padStart(4, '0')}`;
    const email = options.email === false ? undefined : `m${process.pid}-${merchantCounter}@example.com`;
    const application = individualApplication({
      contact: {
        name: '王小明',
        phone,
        ...(email ? { email } : {}),
        ...(options.quietHours ? { quietHours: options.quietHours } : {}),
      },
      consents: options.consents ?? [
        { channel: 'sms', purpose: 'marketing', granted: true },
        { channel: 'sms', purpose: 'service', granted: true },
        { channel: 'email', purpose: 'marketing', granted: true },
        { channel: 'email', purpose: 'service', granted: true },
        { channel: 'phone', purpose: 'marketing', granted: true },
      ],
    });
    const { body } = await this.registryHttp().post('/v1/merchants').set(auth).send(application).expect(201);
    const id: string = body.id;
    for (const type of ['id_card_front', 'id_card_back', 'settlement_card']) {
      await this.registryHttp()
        .put(`/v1/merchants/${id}/documents/${type}`)
        .set(auth)
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from(`%PDF-1.4 ${id} ${type}`))
        .expect(201);
    }
    await this.registryHttp().post(`/v1/merchants/${id}/submit`).set(auth).expect(200);
    await this.registryHttp()
      .post(`/v1/merchants/${id}/review`)
      .set(auth)
      .send({ decision: 'start' })
      .expect(200);
    await this.registryHttp()
      .post(`/v1/merchants/${id}/review`)
      .set(auth)
      .send({ decision: 'approve', reasonCodes: ['documents_verified'] })
      .expect(200);
    await this.registryHttp().post(`/v1/merchants/${id}/activate`).set(auth).expect(200);
    await this.waitForContext(id, (c) => expect(c.status).toBe('active'));
    return { id, phone, email: email ?? null };
  }

  async setConsent(merchantId: string, channel: string, purpose: string, granted: boolean): Promise<void> {
    await this.registryHttp()
      .post(`/v1/merchants/${merchantId}/consents`)
      .set({ Authorization: `Bearer ${KEYS.ops}` })
      .send({ channel, purpose, granted, source: 'ops_console' })
      .expect(201);
  }

  async waitForContext(merchantId: string, check: (c: MerchantContext) => void): Promise<MerchantContext> {
    return expectEventually(
      async () => {
        const context = await this.campaigns.get(MerchantContextReader).read(merchantId);
        expect(context).not.toBeNull();
        check(context!);
        return context!;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  /** Publishes an event of another service (tickets, activity) to this run's topic. */
  async publish<T extends EventType>(
    type: T,
    merchantId: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const event = createEvent(type, {
      merchantId,
      producer: topicOf(type) === 'support.tickets.v1' ? 'after-sales-tickets' : 'transaction-ingestion',
      payload: { ...(EVENT_EXAMPLES[type] as object), ...payload } as never,
    });
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({
        topic: `${this.registry.topics.prefix}${topicOf(type)}`,
        messages: [{ key: merchantId, value: JSON.stringify(event), headers: eventHeaders(event) }],
      });
    } finally {
      await producer.disconnect();
    }
  }

  records(): SendRecordRepository {
    return this.campaigns.get(SendRecordRepository);
  }

  /** Waits until the send record of the step leaves `scheduled` (and `sending`) and returns it. */
  async settled(
    campaignId: string,
    merchantId: string,
    stepIndex = 0,
    timeoutMs = 30_000,
  ): Promise<SendRecord> {
    return expectEventually(
      async () => {
        const record = await this.records().find(campaignId, merchantId, stepIndex);
        expect(record?.state).toMatch(/^(held|sent|delivered|failed|skipped|expired|cancelled)$/);
        return record!;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }
}

/** A step with defaults: SMS, marketing, the default reactivation template, due at once. */
export function step(patch: Partial<CampaignStep> = {}): CampaignStep {
  return {
    index: 0,
    channel: 'sms',
    fallbackChannels: [],
    delayDays: 0,
    templateId: 'reactivation-default',
    purpose: 'marketing',
    onlyIfNotReactivated: true,
    valueTiers: [],
    ...patch,
  };
}

/** An enrolment as the campaign side hands it over. */
export function enrolment(
  clock: FakeClock,
  campaignId: string,
  merchantId: string,
  steps: CampaignStep[],
  patch: Partial<EnrolledMerchant> = {},
): EnrolledMerchant {
  return {
    enrolmentId: `${campaignId}:${merchantId}`,
    campaignId,
    merchantId,
    arm: 'treatment',
    enrolledAt: clock.now(),
    steps,
    validUntil: new Date(clock.nowMs() + 30 * 86_400_000),
    variables: { reason: '您已有一段时间没有交易' },
    ...patch,
  };
}
