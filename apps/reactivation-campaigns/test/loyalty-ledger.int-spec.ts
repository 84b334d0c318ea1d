import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@merchant-pulse/clock';
import { Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { activityEvent, bootCampaigns, getJson, OPS, READER, sendEvents } from './loyalty.fixtures';

jest.setTimeout(120_000);

describe('loyalty points ledger (real Postgres, Kafka, Redis)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let clock: SettableClock;
  let producer: EventProducer;
  const http = () => request(app.getHttpServer());
  const balance = async (m: string) => (await getJson(app, `/v1/loyalty/merchants/${m}`)).balance as number;
  const send = (events: Parameters<typeof sendEvents>[2]) =>
    sendEvents(producer, Topics.MerchantActivity, events);
  /** A later snapshot of another merchant: once it is accrued, everything sent before it was consumed. */
  let sentinels = 0;
  const drain = async () => {
    const m = `SENTINEL-${++sentinels}`;
    await send([activityEvent(m, '2026-03-01', { card: 10_000 }, '2026-03-02T00:00:00.000Z')]);
    await expectEventually(async () => expect(await balance(m)).toBe(2));
  };

  beforeAll(async () => {
    schema = await createTestSchema('loyalty');
    topics = await createTestTopics('loyalty', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'loyalty-test' }),
      new TopicNamer(topics.prefix),
    );
    ({ app, clock } = await bootCampaigns(schema.schema, topics.prefix, '2026-03-05T02:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should accrue from snapshots, ignore replays and older snapshots, reverse a corrected day and take back refunds', async () => {
    // Day 1: 550 CNY card → 5 + 1 trading day; day 2: 100 CNY QR → 3 + 1.
    await send([
      activityEvent('M-A', '2026-03-01', { card: 55_000 }, '2026-03-01T10:00:00.000Z'),
      activityEvent('M-A', '2026-03-02', { qr: 10_000 }, '2026-03-02T10:00:00.000Z'),
    ]);
    await expectEventually(async () => expect(await balance('M-A')).toBe(10));

    // A replay, and an OLDER snapshot of day 1 with more volume: nothing changes.
    await send([
      activityEvent('M-A', '2026-03-01', { card: 55_000 }, '2026-03-01T10:00:00.000Z'),
      activityEvent('M-A', '2026-03-01', { card: 990_000 }, '2026-03-01T09:00:00.000Z'),
    ]);
    await drain();
    expect(await balance('M-A')).toBe(10);

    // Corrected day 1 (a same-day reversal lowers it to 200 CNY net): −3.
    await send([
      activityEvent('M-A', '2026-03-01', { card: 55_000, reversal: 35_000 }, '2026-03-01T12:00:00.000Z'),
    ]);
    await expectEventually(async () => expect(await balance('M-A')).toBe(7));

    // Day 3: no purchases, a 250 CNY refund of an earlier purchase: −2, no trading-day point.
    await send([activityEvent('M-A', '2026-03-03', { refund: 25_000 }, '2026-03-03T10:00:00.000Z')]);
    await expectEventually(async () => expect(await balance('M-A')).toBe(5));

    const statement = await getJson(app, '/v1/loyalty/merchants/M-A/statement?limit=3');
    expect(statement.lines).toHaveLength(3);
    expect(statement.nextCursor).toEqual(expect.any(String));
    const rest = await getJson(app, `/v1/loyalty/merchants/M-A/statement?cursor=${statement.nextCursor}`);
    const lines = [...statement.lines, ...rest.lines];
    expect(lines.map((l: { points: number }) => l.points).sort((a: number, b: number) => a - b)).toEqual([
      -3, -2, 1, 1, 3, 5,
    ]);
    expect(
      lines.every((l: { kind: string; rule: string }) => l.kind === 'accrual' && /@1$/.test(l.rule)),
    ).toBe(true);

    // Double entry: every journal balances and the programme issued what merchants hold.
    const [unbalanced] = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT journal_id FROM "${schema.schema}".loyalty_postings
         GROUP BY journal_id HAVING sum(amount) <> 0 OR count(*) <> 2) j`,
    );
    expect(unbalanced.n).toBe(0);
    // Append-only: the ledger refuses to change history.
    await expect(
      adminQuery(`UPDATE "${schema.schema}".loyalty_postings SET amount = amount + 1`),
    ).rejects.toThrow(/append-only/);
    await expect(adminQuery(`DELETE FROM "${schema.schema}".loyalty_journals`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('should expire unspent points FIFO after 12 months, once per day', async () => {
    // M-A: day-1 lot 6 (expires 2027-03-01), day-2 lot 4 (2027-03-02); debits so far 3 + 2 = 5.
    clock.set('2027-03-01T02:00:00.000Z');
    const first = (await http().post('/v1/loyalty/expiry-runs').set(OPS).expect(200)).body;
    expect(first.asOfDate).toBe('2027-03-01');
    expect(await balance('M-A')).toBe(4); // 6 − 5 consumed = 1 expired
    await http().post('/v1/loyalty/expiry-runs').set(OPS).expect(200);
    expect(await balance('M-A')).toBe(4);
    clock.set('2027-03-02T02:00:00.000Z');
    await http().post('/v1/loyalty/expiry-runs').set(OPS).expect(200);
    expect(await balance('M-A')).toBe(0);
    const totals = (await getJson(app, '/v1/loyalty/merchants/M-A')).byKind;
    expect(totals.expiry).toBe(-5);
  });

  it('should post adjustments with reason and actor, refuse overdrafts and bad bodies, and check scopes', async () => {
    const body = { points: 120, reason: 'goodwill for the outage', requestKey: 'adj-test-0001' };
    await http().post('/v1/loyalty/merchants/M-B/adjustments').set(READER).send(body).expect(403);
    await http().post('/v1/loyalty/merchants/M-B/adjustments').send(body).expect(401);
    const ok = (await http().post('/v1/loyalty/merchants/M-B/adjustments').set(OPS).send(body).expect(201))
      .body;
    expect(ok).toEqual({ balance: 120, posted: true });
    const again = (await http().post('/v1/loyalty/merchants/M-B/adjustments').set(OPS).send(body).expect(201))
      .body;
    expect(again).toEqual({ balance: 120, posted: false });
    const over = await http()
      .post('/v1/loyalty/merchants/M-B/adjustments')
      .set(OPS)
      .send({ points: -500, reason: 'clawback', requestKey: 'adj-test-0002' })
      .expect(409);
    expect(over.body.code).toBe('insufficient_points');
    const bad = await http()
      .post('/v1/loyalty/merchants/M-B/adjustments')
      .set(OPS)
      .send({ points: 0, requestKey: 'x' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/points/);
    expect(JSON.stringify(bad.body)).toMatch(/reason/);
    const [line] = (await getJson(app, '/v1/loyalty/merchants/M-B/statement')).lines;
    expect(line).toMatchObject({
      kind: 'adjustment',
      points: 120,
      actor: 'loyalty-ops',
      reason: 'goodwill for the outage',
    });
  });

  it('should add rule versions only from a future date and accrue days under the version in force', async () => {
    await http()
      .post('/v1/loyalty/rules')
      .set(OPS)
      .send({
        ruleId: 'card-volume',
        basis: 'card_volume',
        points: 2,
        perMinor: 10000,
        effectiveFrom: '2027-03-01',
        description: 'double',
      })
      .expect(400);
    const v2 = (
      await http()
        .post('/v1/loyalty/rules')
        .set(OPS)
        .send({
          ruleId: 'card-volume',
          basis: 'card_volume',
          points: 2,
          perMinor: 10000,
          effectiveFrom: '2027-03-10',
          description: 'double card points',
        })
        .expect(201)
    ).body;
    expect(v2.version).toBe(2);
    await send([
      activityEvent('M-C', '2027-03-09', { card: 10_000 }, '2027-03-09T10:00:00.000Z'),
      activityEvent('M-C', '2027-03-10', { card: 10_000 }, '2027-03-10T10:00:00.000Z'),
    ]);
    await expectEventually(async () => expect(await balance('M-C')).toBe(2 + 3));
    const rules = (await getJson(app, '/v1/loyalty/rules')).rules;
    expect(rules.filter((r: { ruleId: string }) => r.ruleId === 'card-volume')).toHaveLength(2);
  });
});
