import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { createEvent, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  TEST_ADMIN_SECRET,
  testInfra,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule as MerchantRegistry } from '../../apps/merchant-registry/src/app.module';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { localDate } from '../../apps/reactivation-campaigns/src/loyalty/loyalty.settings';
import {
  activityEvent,
  bootCampaigns,
  getJson,
  OPS,
  sendEvents,
} from '../../apps/reactivation-campaigns/test/loyalty.fixtures';

jest.setTimeout(120_000);

const DAY = 86_400_000;

/** Idle terminals end to end: registry assignments → fleet projection → recovery → recall in the registry. */
describe('idle terminal recovery (real Postgres, Kafka, Redis, HTTP)', () => {
  let topics: TestTopics;
  let registrySchema: TestSchema;
  let campaignsSchema: TestSchema;
  let registry: INestApplication;
  let campaigns: INestApplication;
  let clock: SettableClock;
  let producer: EventProducer;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_SECRET}` };
  const reg = () => request(registry.getHttpServer());
  const scan = async () =>
    (await request(campaigns.getHttpServer()).post('/v1/terminal-fleet/scans').set(OPS).expect(200)).body;

  beforeAll(async () => {
    topics = await createTestTopics('idle', 1);
    registrySchema = await createTestSchema('idle_registry');
    campaignsSchema = await createTestSchema('idle_campaigns');
    registry = await startTestApp(
      MerchantRegistry.forRoot(
        loadConfig(
          MerchantRegistryConfig,
          testServiceEnv({ schema: registrySchema.schema, topicPrefix: topics.prefix }),
        ),
      ),
      'merchant-registry',
    );
    await registry.listen(0, '127.0.0.1');
    const port = (registry.getHttpServer().address() as AddressInfo).port;
    ({ app: campaigns, clock } = await bootCampaigns(
      campaignsSchema.schema,
      topics.prefix,
      new Date().toISOString(),
      {
        REGISTRY_URL: `http://127.0.0.1:${port}`,
        REGISTRY_API_KEY: TEST_ADMIN_SECRET,
        TERMINAL_IDLE_DAYS: '30',
      },
    ));
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'idle-test' }),
      new TopicNamer(topics.prefix),
    );
  });

  afterAll(async () => {
    await campaigns?.close();
    await registry?.close();
    await producer?.disconnect?.();
    await campaignsSchema?.drop();
    await registrySchema?.drop();
    await topics?.drop();
  });

  it('should open a recovery for a terminal silent 40 days, recall it after the contact period, and report utilisation', async () => {
    const merchantId = (
      await reg().post('/v1/merchants').set(admin).send(individualApplication()).expect(201)
    ).body.id;
    const suffix = Date.now().toString(36).toUpperCase();
    const [busy, silent] = [`TB-${suffix}`, `TS-${suffix}`];
    for (const terminalId of [busy, silent]) {
      await reg()
        .post('/v1/terminals')
        .set(admin)
        .send({ terminalId, serialNumber: `SN-${terminalId}`, model: 'PAX A920', firmwareVersion: '3.2.1' })
        .expect(201);
      await reg()
        .post(`/v1/terminals/${terminalId}/assign`)
        .set(admin)
        .send({ merchantId, address: '杭州市西湖区1号' })
        .expect(200);
      await reg().post(`/v1/terminals/${terminalId}/activate`).set(admin).expect(200);
    }
    await expectEventually(async () => {
      const rows = await adminQuery<{ status: string }>(
        `SELECT status FROM "${campaignsSchema.schema}".fleet_terminals WHERE merchant_id = $1`,
        [merchantId],
      );
      expect(rows.map((r) => r.status)).toEqual(['active', 'active']);
    });

    // The merchant traded yesterday; ingestion reports the second terminal silent for 40 days.
    const yesterday = localDate(new Date(clock.nowMs() - DAY), 'Asia/Shanghai');
    const since = new Date(clock.nowMs() - 40 * DAY).toISOString();
    await sendEvents(producer, Topics.MerchantActivity, [
      activityEvent(
        merchantId,
        yesterday,
        { card: 50_000 },
        new Date(clock.nowMs() - 3_600_000).toISOString(),
      ),
    ]);
    await sendEvents(producer, Topics.TerminalHealth, [
      createEvent('TerminalHealthDegraded', {
        merchantId,
        producer: 'transaction-ingestion',
        occurredAt: new Date(clock.nowMs() - 60_000).toISOString(),
        payload: {
          terminalId: silent,
          kind: 'silent',
          rate: 0,
          sampleSize: 0,
          windowMinutes: 57_600,
          since,
          lastTransactionAt: since,
        },
      }),
    ]);
    await expectEventually(async () => {
      const [row] = await adminQuery<{ n: number }>(
        `SELECT (SELECT count(*) FROM "${campaignsSchema.schema}".fleet_terminals WHERE silent_since IS NOT NULL)::int
              + (SELECT count(*) FROM "${campaignsSchema.schema}".loyalty_day_snapshots)::int AS n`,
      );
      expect(row.n).toBe(2);
    });

    expect(await scan()).toMatchObject({
      assigned: 2,
      transacted: 1,
      utilisation: 0.5,
      idle: 1,
      opened: 1,
      recalled: 0,
    });
    expect((await scan()).opened).toBe(0); // one open recovery per terminal
    const [recovery] = (await getJson(campaigns, '/v1/terminal-fleet/recoveries?state=contact_merchant'))
      .recoveries;
    expect(recovery).toMatchObject({
      terminalId: silent,
      merchantId,
      reason: 'no_approved_transaction_for_40_days',
    });

    // Still idle after the 7-day contact period: recalled to inventory in the registry.
    clock.set(clock.nowMs() + 8 * DAY);
    expect((await scan()).recalled).toBe(1);
    const recalled = (await reg().get(`/v1/terminals/${silent}`).set(admin).expect(200)).body;
    expect(recalled.status).toBe('inventory');
    expect(recalled.merchantId).toBeNull();
    expect(
      (await getJson(campaigns, '/v1/terminal-fleet/recoveries?state=recalled')).recoveries,
    ).toHaveLength(1);

    // The registry's TerminalStatusChanged takes it out of the fleet: 1 assigned, traded 9 days ago.
    await expectEventually(async () => {
      const kpi = await getJson(campaigns, '/v1/terminal-fleet/utilisation');
      expect(kpi).toMatchObject({ assigned: 1, transacted: 1, utilisation: 1, recoveries: { recalled: 1 } });
    });
    await scan();
    const metrics = await request(campaigns.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/pulse_terminal_utilisation_ratio 1\b/);
  });
});
