import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { EventOf, Topics } from '@merchant-pulse/contracts';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  startTestApp,
  TEST_ADMIN_SECRET,
  testKafka,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule as MerchantRegistry } from '../../apps/merchant-registry/src/app.module';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { bootCampaigns, getJson, OPS } from '../../apps/reactivation-campaigns/test/loyalty.fixtures';

jest.setTimeout(120_000);

/** Redemption saga across services: campaigns debits points, the REAL registry grants the promotion. */
describe('loyalty redemption into registry fee relief (real Postgres, Kafka, Redis, HTTP)', () => {
  let topics: TestTopics;
  let registrySchema: TestSchema;
  let campaignsSchema: TestSchema;
  let registry: INestApplication;
  let campaigns: INestApplication;
  let merchantId: string;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_SECRET}` };
  const redeem = (item: string, requestKey: string) =>
    request(campaigns.getHttpServer())
      .post(`/v1/loyalty/merchants/${merchantId}/redemptions`)
      .set(OPS)
      .send({ item, requestKey });
  const adjust = (points: number, requestKey: string) =>
    request(campaigns.getHttpServer())
      .post(`/v1/loyalty/merchants/${merchantId}/adjustments`)
      .set(OPS)
      .send({ points, reason: 'test credit', requestKey })
      .expect(201);
  const balance = async () => (await getJson(campaigns, `/v1/loyalty/merchants/${merchantId}`)).balance;
  const promotions = async () =>
    (
      await request(registry.getHttpServer())
        .get(`/v1/merchants/${merchantId}/fee-plans`)
        .set(admin)
        .expect(200)
    ).body.promotions as Array<{ promotionId: string; bpsOff: number; reason: string }>;

  beforeAll(async () => {
    topics = await createTestTopics('redeem', 1);
    registrySchema = await createTestSchema('redeem_registry');
    campaignsSchema = await createTestSchema('redeem_campaigns');
    const registryConfig = loadConfig(
      MerchantRegistryConfig,
      testServiceEnv({ schema: registrySchema.schema, topicPrefix: topics.prefix }),
    );
    registry = await startTestApp(MerchantRegistry.forRoot(registryConfig), 'merchant-registry');
    await registry.listen(0, '127.0.0.1');
    const port = (registry.getHttpServer().address() as AddressInfo).port;
    ({ app: campaigns } = await bootCampaigns(
      campaignsSchema.schema,
      topics.prefix,
      '2026-03-05T02:00:00.000Z',
      {
        REGISTRY_URL: `http://127.0.0.1:${port}`,
        REGISTRY_API_KEY: TEST_ADMIN_SECRET,
      },
    ));
    const created = await request(registry.getHttpServer())
      .post('/v1/merchants')
      .set(admin)
      .send(individualApplication())
      .expect(201);
    merchantId = created.body.id;
  });

  afterAll(async () => {
    await campaigns?.close();
    await registry?.close();
    await campaignsSchema?.drop();
    await registrySchema?.drop();
    await topics?.drop();
  });

  it('should debit exactly once and grant one registry promotion when eight different requests race for one reward', async () => {
    await adjust(2_500, 'seed-points-0001');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => redeem('fee-relief-10bps-30d', `race-request-${i}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const won = answers.find((a) => a.status === 201)!.body;
    expect(won.state).toBe('completed');
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'insufficient_points')).toBe(
      true,
    );
    expect(await balance()).toBe(500);
    const granted = await promotions();
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ bpsOff: 10, reason: `loyalty redemption ${won.redemptionId}` });
    expect(won.externalReference).toBe(granted[0].promotionId);
  });

  it('should debit once when the same request is retried concurrently', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => redeem('device-check', 'same-request-0001')),
    );
    expect(answers.every((a) => [200, 201].includes(a.status))).toBe(true);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.redemptionId)).size).toBe(1);
    expect(await balance()).toBe(0);
  });

  it('should return the points when the registry refuses the promotion (compensation)', async () => {
    await adjust(2_000, 'seed-points-0002');
    // The first promotion is still running: the registry refuses an overlapping one (409 promotion_active).
    const refused = await redeem('fee-relief-10bps-30d', 'refused-request-1').expect(422);
    expect(refused.body).toMatchObject({ code: 'registry_refused', registryCode: 'promotion_active' });
    expect(await balance()).toBe(2_000);
    const [row] = await adminQuery<{ state: string }>(
      `SELECT state FROM "${campaignsSchema.schema}".loyalty_redemptions WHERE redemption_id = $1`,
      [refused.body.redemptionId],
    );
    expect(row.state).toBe('compensated');
    const kinds = (await getJson(campaigns, `/v1/loyalty/merchants/${merchantId}/statement`)).lines.map(
      (l: { kind: string }) => l.kind,
    );
    expect(kinds.slice(0, 3)).toEqual(['redemption_reversal', 'redemption', 'adjustment']);
    expect(await promotions()).toHaveLength(1);
  });

  it('should publish LoyaltyRewardRedeemed for completed redemptions only', async () => {
    const messages = await readTopic(testKafka(), `${topics.prefix}${Topics.MerchantLoyalty}`, {
      count: 2,
      timeoutMs: 15_000,
    });
    const events = messages.map((m) => JSON.parse(m.value!.toString()) as EventOf<'LoyaltyRewardRedeemed'>);
    expect(events.map((e) => e.payload.kind).sort()).toEqual(['device_check', 'fee_relief']);
    expect(events.every((e) => e.merchantId === merchantId && e.producer === 'reactivation-campaigns')).toBe(
      true,
    );
    const [outbox] = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${campaignsSchema.schema}".outbox WHERE event_type = 'LoyaltyRewardRedeemed'`,
    );
    expect(outbox.n).toBe(2);
    // The registry shows the rewards on the merchant's timeline.
    await expectEventually(async () => {
      const timeline = await request(registry.getHttpServer())
        .get(`/v1/merchants/${merchantId}/timeline?limit=100`)
        .set(admin)
        .expect(200);
      const types = timeline.body.items.map((i: { type: string }) => i.type);
      expect(types.filter((t: string) => t === 'LoyaltyRewardRedeemed')).toHaveLength(2);
    });
  });
});
