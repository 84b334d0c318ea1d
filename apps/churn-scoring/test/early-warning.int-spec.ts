// The hazard model live: retraining and promotion over HTTP, pDormant30d and its reasons on the risk
// API and on churn.risk.v1, and a declared temporary closure (merchant.lifecycle.v1) that keeps a
// silent merchant out of the dormant tier.
import { INestApplication } from '@nestjs/common';
import { createEvent, EventOf, Topics } from '@merchant-pulse/contracts';
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
} from '@merchant-pulse/testing';
import { Kafka } from 'kafkajs';
import request from 'supertest';
import { addDays, DailyActivity } from '../src/activity/daily-activity';
import { generateSyntheticActivity } from '../src/backtests/synthetic-activity.generator';
import { bootApp, SECRET } from './churn-scoring.fixtures';

jest.setTimeout(300_000);

const AS_OF = '2026-08-31';
const READER = 'reader-secret';

describe('early warning (hazard model live)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let kafka: Kafka;
  let producer: EventProducer;
  let activity: Map<string, DailyActivity[]>;

  const http = () => request(app.getHttpServer());
  const auth = (r: request.Test, secret = SECRET) => r.set('Authorization', `Bearer ${secret}`);

  /** Stores the activity straight into the schema (the consumers are tested elsewhere). */
  async function seed(data: Map<string, DailyActivity[]>): Promise<void> {
    const rows = [...data].flatMap(([id, days]) => days.map((d) => ({ id, ...d })));
    for (let i = 0; i < rows.length; i += 5_000) {
      const page = rows.slice(i, i + 5_000);
      await adminQuery(
        `INSERT INTO "${schema.schema}".merchant_daily_activity (merchant_id, activity_date, as_of, approved_count, declined_count,
           approved_amount_minor, net_amount_minor, fee_minor, card_read_failure_count)
         SELECT id, d, now(), c, 0, a, a, 0, 0 FROM unnest($1::text[], $2::date[], $3::int[], $4::bigint[]) AS u(id, d, c, a)`,
        [
          page.map((r) => r.id),
          page.map((r) => r.date),
          page.map((r) => r.approvedCount),
          page.map((r) => r.approvedAmountMinor),
        ],
      );
    }
    await adminQuery(
      `INSERT INTO "${schema.schema}".merchants (merchant_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [[...data.keys()]],
    );
  }

  beforeAll(async () => {
    schema = await createTestSchema('churn_ew');
    topics = await createTestTopics('churn_ew', 1);
    kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'churn-ew-test' });
    producer = new EventProducer(kafka, new TopicNamer(topics.prefix));
    // 2026-09-01T00:00Z is 08:00 in Shanghai: the last complete local day is 2026-08-31.
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-09-01T00:00:00.000Z', {
      keys: [{ id: 'reader', secret: READER, scopes: ['risk:read'] }],
    }));
    activity = generateSyntheticActivity({
      merchants: 160,
      startDate: addDays(AS_OF, -239),
      days: 240,
      seed: 16,
      churnShare: 0.35,
    }).activity;
    // A merchant silent for the last 35 days (dormant by silence) that will declare a closure.
    activity.set(
      'M-closed',
      Array.from({ length: 200 }, (_, i) => ({
        date: addDays(AS_OF, i - 234),
        approvedCount: 20,
        declinedCount: 0,
        approvedAmountMinor: 100_000,
        feeMinor: 0,
        cardReadFailureCount: 0,
      })),
    );
    await seed(activity);
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should refuse a retraining without risk:write', async () => {
    await auth(http().post('/v1/models/hazard/retrains'), READER).expect(403);
    await http().post('/v1/models/hazard/retrains').expect(401);
  });

  it('should retrain, store the version with its held-out metrics, promote the first and not a candidate that does no better', async () => {
    const first = (await auth(http().post('/v1/models/hazard/retrains')).expect(201)).body;
    // The scheduled retraining (RUN_JOBS) may already have stored a version at boot: the first POST is
    // promoted over none or over that one on the held-out AUC.
    expect(first.promoted).toBe(true);
    expect(first.reason).toMatch(/^(no current hazard model|held-out AUC)/);
    expect(first.candidate.version).toMatch(/^hazard-2026-08-03\.\d+\+(bgnbd|bgbb)$/);
    expect(first.candidate.population.reason).toMatch(/preferred|prior/);
    expect(first.candidate.metrics.holdout.asOfDates).toEqual([
      '2026-06-11',
      '2026-06-18',
      '2026-06-25',
      '2026-07-02',
    ]);
    expect(first.candidate.metrics.holdout.candidate.rows).toBeGreaterThan(100);
    expect(first.candidate.metrics.holdout.candidate.auc).toBeGreaterThan(0.5);
    expect(first.currentVersion).toBe(first.candidate.version);

    // Same data, same training: it ties on AUC and log loss, so the current version stays.
    const second = (await auth(http().post('/v1/models/hazard/retrains')).expect(201)).body;
    expect(second.promoted).toBe(false);
    expect(second.candidate.version).not.toBe(first.candidate.version);
    expect(second.currentVersion).toBe(first.candidate.version);
    expect(second.candidate.metrics.holdout.current.version).toBe(first.candidate.version);

    const models = (await auth(http().get('/v1/models/hazard'), READER).expect(200)).body;
    expect(models.current.version).toBe(first.candidate.version);
    expect(
      models.versions.slice(0, 2).map((v: { version: string; promoted: boolean }) => [v.version, v.promoted]),
    ).toEqual([
      [second.candidate.version, false],
      [first.candidate.version, true],
    ]);
    const [row] = await adminQuery(
      `SELECT count(*)::int AS n FROM "${schema.schema}".model_versions WHERE kind = 'hazard' AND NOT metrics ? 'holdout'`,
    );
    expect(row.n).toBe(0);
  });

  it('should serve pDormant30d with the model reasons on the risk API and on churn.risk.v1, and keep a declared closure out of dormant', async () => {
    const closure = createEvent('MerchantClosureDeclared', {
      merchantId: 'M-closed',
      producer: 'merchant-registry',
      occurredAt: '2026-08-30T02:00:00.000Z',
      payload: {
        closureId: 'CL-1',
        startsOn: addDays(AS_OF, -34),
        endsOn: addDays(AS_OF, 5),
        reason: 'renovation',
        declaredAt: '2026-07-27T02:00:00.000Z',
      },
    });
    await producer.send([
      { topic: Topics.MerchantLifecycle, key: 'M-closed', value: Buffer.from(JSON.stringify(closure)) },
    ]);
    await expectEventually(async () => {
      const rows = await adminQuery(
        `SELECT 1 FROM "${schema.schema}".merchant_closures WHERE closure_id = 'CL-1'`,
      );
      expect(rows).toHaveLength(1);
    });
    await auth(http().post('/v1/rescoring-runs')).expect(200);
    const current = (await auth(http().get('/v1/models/hazard'), READER).expect(200)).body.current.version;

    const list = (await auth(http().get('/v1/risks?limit=500'), READER).expect(200)).body.items as Array<{
      merchantId: string;
      pDormant30d: number | null;
      behaviourTier: string;
      earlyWarning: { modelVersion: string; reasons: Array<{ code: string; message: string }> } | null;
    }>;
    const trading = list.filter(
      (r) => r.earlyWarning !== null && r.behaviourTier !== 'dormant' && r.behaviourTier !== 'churned',
    );
    expect(trading.length).toBeGreaterThan(50);
    for (const r of trading) {
      expect(r.pDormant30d).toBeGreaterThanOrEqual(0);
      expect(r.pDormant30d).toBeLessThanOrEqual(1);
      expect(r.earlyWarning!.modelVersion).toBe(current);
    }
    // M-closed is silent but inside its declared closure: high pDormant30d, tier active on purpose.
    const flagged = trading.filter((r) => r.pDormant30d! >= 0.3 && r.merchantId !== 'M-closed');
    for (const r of flagged) expect(r.behaviourTier).toBe('at_risk');
    const top = trading
      .filter((r) => r.merchantId !== 'M-closed')
      .sort((a, b) => b.pDormant30d! - a.pDormant30d!)[0];
    expect(top.earlyWarning!.reasons[0].code).toMatch(/^ew_/);
    expect(top.earlyWarning!.reasons[0].message.length).toBeGreaterThan(10);

    const closed = (await auth(http().get('/v1/merchants/M-closed/risk'), READER).expect(200)).body;
    expect(closed.behaviourTier).toBe('active');
    expect(closed.earlyWarning.declaredClosure).toEqual({
      startsOn: addDays(AS_OF, -34),
      endsOn: addDays(AS_OF, 5),
      reason: 'renovation',
    });
    expect(closed.earlyWarning.reasons[0].code).toBe('declared_closure');

    const events = (
      await readTopic(kafka, `${topics.prefix}${Topics.ChurnRisk}`, {
        count: activity.size,
        timeoutMs: 15_000,
      })
    ).map((m) => JSON.parse(m.value!.toString()) as EventOf<'MerchantRiskChanged'>);
    const withWarning = events.filter((e) => e.payload.pDormant30d !== undefined);
    expect(withWarning.length).toBeGreaterThan(50);
    expect(withWarning[0].payload.earlyWarningModelVersion).toBe(current);
    const closedEvent = events.find((e) => e.merchantId === 'M-closed')!;
    expect(closedEvent.payload.behaviourTier).toBe('active');
  });
});
