import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { EventOf, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  startTestApp,
  TEST_ADMIN_SECRET,
  testInfra,
  testKafka,
  testServiceEnv,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { AppModule as MerchantRegistry } from '../../apps/merchant-registry/src/app.module';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import {
  bankCardFixture,
  residentIdFixture,
} from '../../apps/merchant-registry/src/identity/identity.fixtures';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import {
  activityEvent,
  bootCampaigns,
  getJson,
  sendEvents,
} from '../../apps/reactivation-campaigns/test/loyalty.fixtures';

jest.setTimeout(120_000);

/**
 * Referral rewards end to end: the registry records the referral code and runs the fraud guard on the
 * PII it holds; campaigns rewards the referrer after the referred merchant's third trading day
 * (REFERRAL_QUALIFYING_DAYS=3), never at sign-up, and never for a self-referral.
 */
describe('loyalty referral rewards (real Postgres, Kafka, Redis)', () => {
  let topics: TestTopics;
  let registrySchema: TestSchema;
  let campaignsSchema: TestSchema;
  let registry: INestApplication;
  let campaigns: INestApplication;
  let producer: EventProducer;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_SECRET}` };
  const apply = (overrides: Record<string, unknown>) =>
    request(registry.getHttpServer()).post('/v1/merchants').set(admin).send(individualApplication(overrides));
  const balance = async (m: string) =>
    (await getJson(campaigns, `/v1/loyalty/merchants/${m}`)).balance as number;
  const referrals = async (m: string) =>
    (await getJson(campaigns, `/v1/loyalty/merchants/${m}/referrals`)).referrals as Array<{
      referredMerchantId: string;
      state: string;
    }>;
  const trade = (m: string, day: number) =>
    sendEvents(producer, Topics.MerchantActivity, [
      activityEvent(m, `2026-03-0${day}`, { card: 100 }, `2026-03-0${day}T10:00:00.000Z`),
    ]);

  beforeAll(async () => {
    topics = await createTestTopics('referral', 1);
    registrySchema = await createTestSchema('referral_registry');
    campaignsSchema = await createTestSchema('referral_campaigns');
    registry = await startTestApp(
      MerchantRegistry.forRoot(
        loadConfig(
          MerchantRegistryConfig,
          testServiceEnv({ schema: registrySchema.schema, topicPrefix: topics.prefix }),
        ),
      ),
      'merchant-registry',
    );
    ({ app: campaigns } = await bootCampaigns(
      campaignsSchema.schema,
      topics.prefix,
      '2026-03-10T02:00:00.000Z',
      {
        REFERRAL_QUALIFYING_DAYS: '3',
        REFERRAL_REWARD_POINTS: '500',
      },
    ));
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'referral-test' }),
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

  it('should reward the referrer only after the referred merchant trades 3 days, and refuse a self-referral', async () => {
    const referrerId = (
      await apply({
        idNumber: residentIdFixture('330106', '19880512', '501'),
        settlementCard: { number: bankCardFixture('622202100112300001'), bankName: 'ICBC' },
      }).expect(201)
    ).body.id as string;
    await apply({ referralCode: 'NO-SUCH-MERCHANT' }).expect(422);
    const honestId = (
      await apply({
        referralCode: referrerId,
        idNumber: residentIdFixture('330106', '19900101', '502'),
        settlementCard: { number: bankCardFixture('622202100112300002'), bankName: 'ICBC' },
      }).expect(201)
    ).body.id as string;
    // Same legal representative (ID number) as the referrer, a different card: a self-referral.
    const selfId = (
      await apply({
        referralCode: referrerId,
        idNumber: residentIdFixture('330106', '19880512', '501'),
        settlementCard: { number: bankCardFixture('622202100112300003'), bankName: 'ICBC' },
      }).expect(201)
    ).body.id as string;

    // What the registry published: the referrer and the guard's boolean, no PII.
    const registered = (
      await readTopic(testKafka(), `${topics.prefix}${Topics.MerchantLifecycle}`, {
        count: 6,
        timeoutMs: 15_000,
      })
    )
      .map((m) => JSON.parse(m.value!.toString()) as EventOf<'MerchantRegistered'>)
      .filter((e) => e.type === 'MerchantRegistered');
    const payloadOf = (id: string) => registered.find((e) => e.merchantId === id)!.payload;
    expect(payloadOf(honestId)).toMatchObject({ referredBy: referrerId, referralSamePartyAsReferrer: false });
    expect(payloadOf(selfId)).toMatchObject({ referredBy: referrerId, referralSamePartyAsReferrer: true });
    expect(JSON.stringify(registered)).not.toContain('19880512');

    await expectEventually(async () => {
      const states = Object.fromEntries(
        (await referrals(referrerId)).map((r) => [r.referredMerchantId, r.state]),
      );
      expect(states).toEqual({ [honestId]: 'waiting', [selfId]: 'refused' });
    });
    expect(await balance(referrerId)).toBe(0); // not at sign-up

    for (const day of [1, 2]) {
      await trade(honestId, day);
      await trade(selfId, day);
    }
    await expectEventually(async () => expect(await balance(honestId)).toBe(2)); // its own trading points
    expect(await balance(referrerId)).toBe(0); // 2 of 3 days
    await trade(selfId, 3);
    await expectEventually(async () => expect(await balance(selfId)).toBe(3));
    expect(await balance(referrerId)).toBe(0); // refused: never rewarded
    await trade(honestId, 3);
    await expectEventually(async () => expect(await balance(referrerId)).toBe(500));
    // A replayed third day does not reward twice.
    await trade(honestId, 3);
    await trade(honestId, 4);
    await expectEventually(async () => expect(await balance(honestId)).toBe(4));
    expect(await balance(referrerId)).toBe(500);
    const states = Object.fromEntries(
      (await referrals(referrerId)).map((r) => [r.referredMerchantId, r.state]),
    );
    expect(states).toEqual({ [honestId]: 'rewarded', [selfId]: 'refused' });
  });
});
