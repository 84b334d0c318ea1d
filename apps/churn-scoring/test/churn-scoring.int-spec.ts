import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@merchant-pulse/clock';
import { AnyEvent, createEvent, EventOf, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  testInfra,
  TestSchema,
  TestTopics,
  topicMessageCount,
} from '@merchant-pulse/testing';
import { Kafka } from 'kafkajs';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { addDays, lastCompleteLocalDate } from '../src/activity/daily-activity';
import { MerchantActivityRepository } from '../src/activity/merchant-activity.repository';
import { activityEvent, advanceDays, bootApp, dailyHistory, SECRET } from './churn-scoring.fixtures';

jest.setTimeout(120_000);

describe(AppModule.name, () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let clock: SettableClock;
  let kafka: Kafka;
  let producer: EventProducer;

  const send = (events: AnyEvent[], topic: string) =>
    producer.send(events.map((e) => ({ topic, key: e.merchantId, value: Buffer.from(JSON.stringify(e)) })));
  const risk = async (merchantId: string) =>
    (
      await request(app.getHttpServer())
        .get(`/v1/merchants/${merchantId}/risk`)
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200)
    ).body;
  const rescore = async () =>
    (
      await request(app.getHttpServer())
        .post('/v1/rescoring-runs')
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200)
    ).body;
  const riskEvents = async (count: number) =>
    (await readTopic(kafka, `${topics.prefix}${Topics.ChurnRisk}`, { count, timeoutMs: 8_000 })).map(
      (m) => JSON.parse(m.value!.toString()) as EventOf<'MerchantRiskChanged'>,
    );

  beforeAll(async () => {
    schema = await createTestSchema('churn');
    topics = await createTestTopics('churn', 1);
    kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'churn-test' });
    producer = new EventProducer(kafka, new TopicNamer(topics.prefix));
    // 2026-03-01T00:00Z is 08:00 in Shanghai: the last complete local day is 2026-02-28.
    ({ app, clock } = await bootApp(schema.schema, topics.prefix, '2026-03-01T00:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should score activity snapshots with tiers and reasons, ignore replays, age silent merchants and emit once per tier change', async () => {
    await send(
      [...dailyHistory('M-steady', '2026-02-28', 70), ...dailyHistory('M-new', '2026-02-28', 2)],
      Topics.MerchantActivity,
    );
    await send(
      [{ ...activityEvent('M-sick', '2026-02-28', 10, '2026-03-01T00:00:00.000Z') }],
      Topics.MerchantActivity,
    );
    const steady = await expectEventually(async () => {
      const body = await risk('M-steady');
      expect(body.asOfDate).toBe('2026-02-28');
      return body;
    });
    expect(steady.behaviourTier).toBe('active');
    expect(steady.scoreBand).toBe('low');
    expect(steady.reasons.length).toBeGreaterThan(0);
    expect(steady.modelVersion).toMatch(/^bgnbd-2026-02-28\.\d+$/);
    const fresh = await expectEventually(() => risk('M-new'));
    expect(fresh.behaviourTier).toBe('potential');
    expect(fresh.reasons.map((r: { code: string }) => r.code)).toContain('new_merchant');

    // Replays (same asOf) and an older snapshot change nothing; a sentinel after them proves they were consumed.
    const before = await adminQuery(`SELECT count(*)::int AS n FROM "${schema.schema}".outbox`);
    await send(
      [
        ...dailyHistory('M-steady', '2026-02-28', 70),
        activityEvent('M-steady', '2026-02-28', 1, '2026-02-28T01:00:00.000Z'),
      ],
      Topics.MerchantActivity,
    );
    await send(
      [activityEvent('M-sentinel', '2026-02-28', 5, '2026-03-01T00:00:00.000Z')],
      Topics.MerchantActivity,
    );
    await expectEventually(() => risk('M-sentinel'));
    const after = await adminQuery(`SELECT count(*)::int AS n FROM "${schema.schema}".outbox`);
    expect(after[0].n).toBe(Number(before[0].n) + 1);
    expect((await risk('M-steady')).scoredAt).toBe(steady.scoredAt);
    const [row] = await adminQuery(
      `SELECT approved_count FROM "${schema.schema}".merchant_daily_activity WHERE merchant_id = 'M-steady' AND activity_date = '2026-02-28'`,
    );
    expect(row.approved_count).toBeGreaterThanOrEqual(20);

    // Nothing happens, the clock moves: the rescoring job ages M-steady into at_risk, then dormant.
    advanceDays(clock, 12);
    expect((await rescore()).result).toMatchObject({ scored: 4 });
    expect((await risk('M-steady')).behaviourTier).toBe('at_risk');
    await rescore();
    advanceDays(clock, 20);
    await rescore();
    const dormant = await risk('M-steady');
    expect(dormant.behaviourTier).toBe('dormant');
    expect(dormant.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['low_p_alive', 'no_transactions']),
    );
    expect(dormant.history.slice(0, 3).map((h: { behaviourTier: string }) => h.behaviourTier)).toEqual([
      'dormant',
      'at_risk',
      'active',
    ]);
    // The newest history entry is the current risk as stored by the change (copied from merchant_risk).
    expect(dormant.history[0]).toMatchObject({
      score: dormant.score,
      behaviourTier: dormant.behaviourTier,
      valueTier: dormant.valueTier,
      reasons: dormant.reasons,
      modelVersion: dormant.modelVersion,
      asOfDate: dormant.asOfDate,
      scoredAt: dormant.scoredAt,
    });

    const total = await expectEventually(async () => {
      const [pending] = await adminQuery(
        `SELECT count(*)::int AS n FROM "${schema.schema}".outbox WHERE published_at IS NULL`,
      );
      expect(pending.n).toBe(0);
      return topicMessageCount(kafka, `${topics.prefix}${Topics.ChurnRisk}`);
    });
    const events = await riskEvents(total);
    const steady2 = events.filter((e) => e.merchantId === 'M-steady').map((e) => e.payload);
    // The history may arrive over several chunks (new → active); from then on: one event per change.
    expect(steady2.slice(-3).map((p) => p.behaviourTier)).toEqual(['active', 'at_risk', 'dormant']);
    const keys = steady2.map((p) => `${p.behaviourTier}/${p.scoreBand}/${p.valueTier}`);
    keys.slice(1).forEach((key, i) => expect(key).not.toBe(keys[i]));
    expect(steady2[steady2.length - 1]).toMatchObject({
      previousBehaviourTier: 'at_risk',
      modelVersion: dormant.modelVersion,
    });
  });

  it('should list merchants ranked by score with cursor pagination and filter by reason and score band', async () => {
    const page1 = await request(app.getHttpServer())
      .get('/v1/risks?limit=2')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].score).toBeGreaterThanOrEqual(page1.body.items[1].score);
    const page2 = await request(app.getHttpServer())
      .get(`/v1/risks?limit=2&cursor=${page1.body.nextCursor}`)
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    const ids = [...page1.body.items, ...page2.body.items].map((i: { merchantId: string }) => i.merchantId);
    expect(new Set(ids).size).toBe(4);
    const dormant = await request(app.getHttpServer())
      .get('/v1/risks?behaviourTier=dormant&reason=no_transactions')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(dormant.body.items.map((i: { merchantId: string }) => i.merchantId)).toContain('M-steady');
    // Score band filter: every band the unfiltered list shows returns exactly its own merchants.
    const all = await request(app.getHttpServer())
      .get('/v1/risks?limit=500')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    const bands = new Set<string>(all.body.items.map((i: { scoreBand: string }) => i.scoreBand));
    for (const band of bands) {
      const inBand = await request(app.getHttpServer())
        .get(`/v1/risks?limit=500&scoreBand=${band}`)
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200);
      const expected = all.body.items.filter((i: { scoreBand: string }) => i.scoreBand === band);
      expect(inBand.body.items.map((i: { merchantId: string }) => i.merchantId)).toEqual(
        expected.map((i: { merchantId: string }) => i.merchantId),
      );
    }
    const refused = await request(app.getHttpServer())
      .get('/v1/risks?scoreBand=severe')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('scoreBand');
    await request(app.getHttpServer())
      .get('/v1/risks?limit=0')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(400);
    await request(app.getHttpServer()).get('/v1/risks').expect(401);
    const model = await request(app.getHttpServer())
      .get('/v1/models/current')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(model.body).toMatchObject({ version: expect.stringMatching(/^bgnbd-2026-/), source: 'prior' });
    expect(model.body.diagnostics.note).toMatch(/prior kept/);
  });

  it('should add a terminal-degraded reason when terminal health reports a degradation', async () => {
    const degraded = createEvent('TerminalHealthDegraded', {
      merchantId: 'M-sick',
      producer: 'transaction-ingestion',
      occurredAt: clock.now(),
      payload: {
        terminalId: 'T-1',
        kind: 'card_read_failures',
        rate: 0.4,
        sampleSize: 50,
        windowMinutes: 60,
        threshold: 0.2,
        since: '2026-03-30T00:00:00.000Z',
      },
    });
    await send([degraded, degraded], Topics.TerminalHealth);
    await expectEventually(async () => {
      const body = await risk('M-sick');
      expect(body.reasons.map((r: { code: string }) => r.code)).toContain('terminal_degraded');
    });
  });

  it('should derive reactivated from the stored history when it arrives late, in pieces or after a real gap', async () => {
    const asOf = lastCompleteLocalDate(clock.now(), 'Asia/Shanghai');
    const pieces = dailyHistory('M-pieces', asOf, 90);
    await send(pieces.slice(0, 20), Topics.MerchantActivity);
    await expectEventually(async () => expect((await risk('M-pieces')).behaviourTier).toBe('dormant'));
    await send(pieces.slice(20), Topics.MerchantActivity);
    // A real 40-day silence (asOf−49 … asOf−10), trading again since asOf−9.
    await send(
      [...dailyHistory('M-back', addDays(asOf, -50), 30), ...dailyHistory('M-back', asOf, 10)],
      Topics.MerchantActivity,
    );
    await expectEventually(async () => {
      expect((await risk('M-pieces')).behaviourTier).toBe('active');
      expect((await risk('M-back')).behaviourTier).toBe('reactivated');
    });
    const rows = await adminQuery(
      `SELECT merchant_id, to_char(reactivated_on, 'YYYY-MM-DD') AS on FROM "${schema.schema}".merchant_risk
       WHERE merchant_id IN ('M-pieces', 'M-back') ORDER BY merchant_id`,
    );
    expect(rows).toEqual([
      { merchant_id: 'M-back', on: addDays(asOf, -9) },
      { merchant_id: 'M-pieces', on: null },
    ]);
  });

  it('should fit and version a new population model when a refit is requested', async () => {
    const before = (
      await request(app.getHttpServer())
        .get('/v1/models/current')
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200)
    ).body;
    const refit = await request(app.getHttpServer())
      .post('/v1/models/refits')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(201);
    expect(refit.body.version).not.toBe(before.version);
    expect(refit.body).toMatchObject({ version: expect.stringMatching(/^bgnbd-2026-/), source: 'prior' });
    expect(refit.body.diagnostics.merchants).toBeGreaterThanOrEqual(6);
    const current = await request(app.getHttpServer())
      .get('/v1/models/current')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(current.body.version).toBe(refit.body.version);
    await request(app.getHttpServer()).post('/v1/models/refits').expect(401);
  });

  it('should refit the prior before a rescoring run when enough merchants have repeat activity', async () => {
    const asOf = lastCompleteLocalDate(clock.now(), 'Asia/Shanghai');
    // 36 merchants, every other day, of varied ages; a third of them went quiet a while ago.
    const population = Array.from({ length: 36 }, (_, i) =>
      dailyHistory(`M-pop-${i}`, addDays(asOf, i % 3 === 0 ? -(10 + i) : 0), 10 + i).filter(
        (_e, day) => day % 2 === 0,
      ),
    ).flat();
    await send(population, Topics.MerchantActivity);
    await expectEventually(async () => expect((await risk('M-pop-35')).asOfDate).toBe(asOf));
    const run = await rescore();
    const model = await request(app.getHttpServer())
      .get('/v1/models/current')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(model.body).toMatchObject({ source: 'fitted', version: run.result.modelVersion });
    expect(model.body.diagnostics.repeatMerchants).toBeGreaterThanOrEqual(30);
    expect((await risk('M-pop-1')).modelVersion).toBe(model.body.version);
  });

  it('should run the early-warning backtest over HTTP, refuse an unknown target and a horizon not yet confirmed', async () => {
    const dataEnd = lastCompleteLocalDate(clock.now(), 'Asia/Shanghai');
    const backtest = (body: object) =>
      request(app.getHttpServer()).post('/v1/backtests').set('Authorization', `Bearer ${SECRET}`).send(body);
    const ok = await backtest({
      asOfDate: addDays(dataEnd, -60),
      horizonDays: 30,
      target: 'early-warning',
    }).expect(200);
    expect(ok.body).toMatchObject({ target: 'early-warning', truth: 'observed' });
    expect(ok.body.earlyWarning.options.activeWithinDays).toBe(7);
    expect(Object.keys(ok.body.earlyWarning.rankers)).toEqual(['score', 'recency']);
    // The Model screen charts: bounded ROC and lift curves for the score and the recency rule.
    expect(ok.body.positives).toBeGreaterThan(0);
    expect(ok.body.positives).toBeLessThan(ok.body.merchants);
    for (const ranker of [ok.body.score, ok.body.recency]) {
      expect(ranker.rocCurve.length).toBeGreaterThanOrEqual(2);
      expect(ranker.rocCurve.length).toBeLessThanOrEqual(101);
      expect(ranker.rocCurve[0]).toEqual({ fpr: 0, tpr: 0 });
      expect(ranker.rocCurve[ranker.rocCurve.length - 1]).toEqual({ fpr: 1, tpr: 1 });
      expect(ranker.liftCurve).toHaveLength(20);
      expect(ranker.liftCurve[19]).toEqual({ depth: 1, capture: 1, lift: 1 });
    }
    const bad = await backtest({ asOfDate: addDays(dataEnd, -60), horizonDays: 30, target: 'churn' }).expect(
      400,
    );
    expect(JSON.stringify(bad.body)).toMatch(/target must be one of dormant, silence, early-warning/);
    const early = await backtest({
      asOfDate: addDays(dataEnd, -40),
      horizonDays: 30,
      target: 'early-warning',
    });
    expect(early.status).toBe(422);
    expect(early.body.message).toMatch(/\+ 30 days must be on or before/);
  });

  it('should page through stored activity to exactly what one query loads, so a backtest holds one page of raw rows at a time', async () => {
    const repository = app.get(MerchantActivityRepository);
    const whole = await repository.loadDailyActivity(null);
    const paged = await repository.loadAllDailyActivityPaged(7);
    const rows = [...whole.values()].reduce((n, days) => n + days.length, 0);
    expect(rows).toBeGreaterThan(20);
    expect(await repository.countDailyActivity()).toBe(rows);
    const sorted = (m: Map<string, Array<{ date: string }>>) =>
      [...m.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, days]) => [id, [...days].sort((x, y) => x.date.localeCompare(y.date))]);
    expect(sorted(paged)).toEqual(sorted(whole));
  });
});
