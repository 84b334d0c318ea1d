import { INestApplication } from '@nestjs/common';
import { createEvent, EVENT_EXAMPLES, EventOf, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  testInfra,
  testKafka,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { activityEvent, bootCampaigns, getJson, OPS, sendEvents } from './loyalty.fixtures';

jest.setTimeout(120_000);

const DAY = 86_400_000;
/** `count` consecutive days ending the day before 2026-09-01, `fen` of card volume each. */
const history = (merchantId: string, count: number, fen: number) =>
  Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.parse('2026-09-01T00:00:00Z') - (count - i) * DAY).toISOString().slice(0, 10);
    return activityEvent(merchantId, date, { card: fen }, `${date}T10:00:00.000Z`);
  });

describe('membership tiers (real Postgres, Kafka, Redis)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  const recalculate = async () =>
    (await request(app.getHttpServer()).post('/v1/memberships/recalculations').set(OPS).expect(200)).body;
  const tierOf = async (m: string) => (await getJson(app, `/v1/memberships/merchants/${m}`)).tier;

  beforeAll(async () => {
    schema = await createTestSchema('membership');
    topics = await createTestTopics('membership', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'membership-test' }),
      new TopicNamer(topics.prefix),
    );
    ({ app } = await bootCampaigns(schema.schema, topics.prefix, '2026-09-01T02:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should assign tiers from trailing volume, tenure and value tier, emit MembershipChanged once per change, and not flap', async () => {
    await sendEvents(producer, Topics.MerchantActivity, [
      ...history('M-VIP', 200, 600_000), // ¥6,000/day: ¥540,000 over 90 days, 200 days of tenure
      ...history('M-GOLD', 100, 150_000), // ¥135,000 over 90 days, 100 days
      ...history('M-SMALL', 5, 10_000),
      ...history('M-HV', 120, 1_000), // tiny volume, but churn-scoring says high value
    ]);
    const risk = EVENT_EXAMPLES.MerchantRiskChanged;
    await sendEvents(producer, Topics.ChurnRisk, [
      createEvent('MerchantRiskChanged', {
        merchantId: 'M-HV',
        producer: 'churn-scoring',
        occurredAt: '2026-08-31T20:00:00.000Z',
        payload: { ...risk, valueTier: 'high', asOf: '2026-08-31T20:00:00.000Z' },
      }),
    ]);
    await expectEventually(async () => {
      const [row] = await adminQuery<{ n: number }>(
        `SELECT (SELECT count(*) FROM "${schema.schema}".loyalty_day_snapshots)::int
              + (SELECT count(*) FROM "${schema.schema}".membership_value_tiers)::int AS n`,
      );
      expect(row.n).toBe(200 + 100 + 5 + 120 + 1);
    });

    expect(await recalculate()).toMatchObject({ asOfDate: '2026-09-01', assessed: 4, changed: 3 });
    expect(await tierOf('M-VIP')).toBe('vip');
    expect(await tierOf('M-GOLD')).toBe('gold');
    expect(await tierOf('M-HV')).toBe('gold');
    expect(await tierOf('M-SMALL')).toBe('standard');
    expect((await getJson(app, '/v1/memberships/summary')).byTier).toEqual({ vip: 1, gold: 2, standard: 1 });

    // Nothing changed: a second run publishes nothing.
    expect((await recalculate()).changed).toBe(0);

    // M-GOLD's last 30 days corrected down by 20%: ≈ 93% of the gold entry — still gold (hysteresis).
    await sendEvents(
      producer,
      Topics.MerchantActivity,
      history('M-GOLD', 30, 120_000).map((e) => ({
        ...e,
        payload: { ...e.payload, asOf: `${e.payload.date}T23:00:00.000Z` },
      })),
    );
    await expectEventually(async () => {
      const [row] = await adminQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema.schema}".loyalty_day_snapshots WHERE merchant_id = 'M-GOLD' AND card_net_minor = 120000`,
      );
      expect(row.n).toBe(30);
    });
    expect((await recalculate()).changed).toBe(0);
    expect(await tierOf('M-GOLD')).toBe('gold');

    const messages = await readTopic(testKafka(), `${topics.prefix}${Topics.MerchantLoyalty}`, {
      count: 3,
      timeoutMs: 15_000,
    });
    const changes = messages.map((m) => JSON.parse(m.value!.toString()) as EventOf<'MembershipChanged'>);
    expect(changes.map((e) => `${e.merchantId}:${e.payload.to}`).sort()).toEqual([
      'M-GOLD:gold',
      'M-HV:gold',
      'M-VIP:vip',
    ]);
    const vip = changes.find((e) => e.merchantId === 'M-VIP')!;
    expect(vip.payload.privileges).toEqual({
      slaTier: 'vip',
      feeReliefBpsAllowance: 20,
      dedicatedAccountManager: true,
      eventInvitations: true,
    });
    const [outbox] = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema.schema}".outbox WHERE event_type = 'MembershipChanged'`,
    );
    expect(outbox.n).toBe(3);
  });
});
