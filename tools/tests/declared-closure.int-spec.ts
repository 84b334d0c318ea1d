// A temporary closure declared in merchant-registry reaches churn-scoring through merchant.lifecycle.v1
// (outbox → relay → Kafka → consumer) and keeps the silent merchant out of the dormant tier.
import { INestApplication } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import {
  adminQuery,
  createTestSchema,
  expectEventually,
  readTopic,
  TestSchema,
  testKafka,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from '../../apps/merchant-registry/test/registry.harness';
import { addDays } from '../../apps/churn-scoring/src/activity/daily-activity';
import { bootApp, SECRET } from '../../apps/churn-scoring/test/churn-scoring.fixtures';

jest.setTimeout(180_000);

const AS_OF = '2026-08-31';

describe('declared temporary closure: registry → churn-scoring', () => {
  let registry: RegistryHarness;
  let churnSchema: TestSchema;
  let churn: INestApplication;
  const ops = { Authorization: `Bearer ${KEYS.ops}` };

  beforeAll(async () => {
    registry = await startRegistry('registry_closure');
    churnSchema = await createTestSchema('churn_closure');
    ({ app: churn } = await bootApp(churnSchema.schema, registry.topics.prefix, '2026-09-01T00:00:00.000Z'));
  });

  afterAll(async () => {
    await churn?.close();
    await churnSchema?.drop();
    await registry?.close();
  });

  it('should validate the declaration: 400 on a bad date or reason, 422 past 45 days or ending before it starts, 403 without merchants:write', async () => {
    const { body } = await request(registry.app.getHttpServer())
      .post('/v1/merchants')
      .set(ops)
      .send(individualApplication())
      .expect(201);
    const post = (payload: Record<string, unknown>, auth = ops) =>
      request(registry.app.getHttpServer()).post(`/v1/merchants/${body.id}/closures`).set(auth).send(payload);
    const bad = await post({ startsOn: '2026-02-30', endsOn: '2026-03-02', reason: 'holiday' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('startsOn');
    await post({ startsOn: '2026-03-01', endsOn: '2026-03-02', reason: 'bored' }).expect(400);
    const long = await post({ startsOn: '2026-03-01', endsOn: '2026-05-01', reason: 'renovation' }).expect(
      422,
    );
    expect(JSON.stringify(long.body)).toContain('closure_too_long');
    await post({ startsOn: '2026-03-05', endsOn: '2026-03-01', reason: 'holiday' }).expect(422);
    await post(
      { startsOn: '2026-03-01', endsOn: '2026-03-02', reason: 'holiday' },
      { Authorization: `Bearer ${KEYS.reader}` },
    ).expect(403);
    await request(registry.app.getHttpServer())
      .post('/v1/merchants/M-NOPE/closures')
      .set(ops)
      .send({ startsOn: '2026-03-01', endsOn: '2026-03-02', reason: 'holiday' })
      .expect(404);
  });

  it('should emit MerchantClosureDeclared, and churn-scoring should then not rate the silent merchant dormant', async () => {
    const { body } = await request(registry.app.getHttpServer())
      .post('/v1/merchants')
      .set(ops)
      .send(individualApplication())
      .expect(201);
    const merchantId: string = body.id;
    // 200 trading days, then 35 silent days up to the as-of date: dormant by silence alone.
    const dates = Array.from({ length: 200 }, (_, i) => addDays(AS_OF, i - 234));
    await adminQuery(
      `INSERT INTO "${churnSchema.schema}".merchant_daily_activity (merchant_id, activity_date, as_of, approved_count, declined_count,
         approved_amount_minor, net_amount_minor, fee_minor, card_read_failure_count)
       SELECT $1, d, now(), 20, 0, 100000, 100000, 600, 0 FROM unnest($2::date[]) AS d`,
      [merchantId, dates],
    );
    await adminQuery(
      `INSERT INTO "${churnSchema.schema}".merchants (merchant_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [merchantId],
    );
    const rescore = () =>
      request(churn.getHttpServer())
        .post('/v1/rescoring-runs')
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200);
    const risk = async () =>
      (
        await request(churn.getHttpServer())
          .get(`/v1/merchants/${merchantId}/risk`)
          .set('Authorization', `Bearer ${SECRET}`)
          .expect(200)
      ).body;
    await rescore();
    expect((await risk()).behaviourTier).toBe('dormant');

    const declared = await request(registry.app.getHttpServer())
      .post(`/v1/merchants/${merchantId}/closures`)
      .set(ops)
      .send({
        startsOn: addDays(AS_OF, -34),
        endsOn: addDays(AS_OF, 5),
        reason: 'renovation',
        note: 'new kitchen',
      })
      .expect(201);
    expect(declared.body).toMatchObject({ merchantId, reason: 'renovation', endsOn: addDays(AS_OF, 5) });
    const messages = await readTopic(testKafka(), `${registry.topics.prefix}${Topics.MerchantLifecycle}`, {
      count: 10,
      timeoutMs: 10_000,
    });
    const event = messages
      .map((m) => JSON.parse(m.value!.toString()))
      .find((e) => e.type === 'MerchantClosureDeclared' && e.merchantId === merchantId);
    expect(event.payload).toMatchObject({
      closureId: declared.body.closureId,
      reason: 'renovation',
      note: 'new kitchen',
    });

    await expectEventually(async () => {
      const rows = await adminQuery(
        `SELECT reason FROM "${churnSchema.schema}".merchant_closures WHERE merchant_id = $1`,
        [merchantId],
      );
      expect(rows).toEqual([{ reason: 'renovation' }]);
    });
    // The consumer rescored the merchant when it recorded the closure; a full run agrees.
    await rescore();
    const after = await risk();
    expect(after.behaviourTier).toBe('active');
  });
});
