import { adminQuery, expectEventually } from '@merchant-pulse/testing';
import request from 'supertest';
import { FeePlanScheduler } from '../src/fee-plans/jobs/fee-plan.scheduler';
import { individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const terms = (credit: number) => ({
  rates: { credit, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: credit },
  debitCapMinor: 2500,
});

/**
 * Issue 10: base 60 → promotion 40 for 30 days → increase to 65 announced for day 31 (one month
 * waived) → the promotion ends on day 30. The registry used to rank versions by number and rewrite the
 * base when the promotion expired, so on day 31 its current plan still said 60 while ingestion charged 65.
 */
describe('merchant-registry fee plans (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  let day0: number;
  const http = () => request(h.app.getHttpServer());
  const auth = { Authorization: `Bearer ${KEYS.ops}` };
  const iso = (day: number) => new Date(day0 + day * DAY).toISOString();

  beforeAll(async () => {
    h = await startRegistry('fees');
    day0 = h.clock.nowMs();
  });
  afterAll(async () => h?.close());

  it('should report the plan in force by effective date on every day of promotion → announced increase → waived month', async () => {
    const created = await http().post('/v1/merchants').set(auth).send(individualApplication()).expect(201);
    const id: string = created.body.id;
    await http()
      .post(`/v1/merchants/${id}/fee-plans`)
      .set(auth)
      .send({
        feePlanId: 'standard-2026',
        terms: terms(65),
        effectiveFrom: iso(31),
        compensation: { kind: 'month_waived', months: 1 },
      })
      .expect(201);
    await http()
      .post(`/v1/merchants/${id}/fee-promotions`)
      .set(auth)
      .send({ bpsOff: 20, days: 30 })
      .expect(201);

    // [day, list credit bps, charged credit bps, plan version, promotion applies]
    const table: Array<[number, number, number, number, boolean]> = [
      [0, 40, 40, 1, true],
      [29, 40, 40, 1, true],
      [30, 60, 60, 1, false],
      [31, 65, 0, 2, false],
      [60, 65, 0, 2, false],
      [61, 65, 65, 2, false],
    ];
    const scheduler = h.app.get(FeePlanScheduler);
    for (const [day, listBps, chargedBps, planVersion, promoted] of table) {
      h.clock.set(day0 + day * DAY);
      await scheduler.tick();
      const now = await http().get(`/v1/merchants/${id}/fee-plans/current`).set(auth).expect(200);
      const past = await http()
        .get(`/v1/merchants/${id}/fee-plans/current`)
        .query({ at: iso(day) })
        .set(auth)
        .expect(200);
      for (const view of [now.body, past.body]) {
        expect({ day, list: view.terms.rates.credit, charged: view.chargedTerms.rates.credit }).toEqual({
          day,
          list: listBps,
          charged: chargedBps,
        });
        expect(view.planVersion).toBe(planVersion);
        expect(view.promotion !== null).toBe(promoted);
        expect(view.feesWaivedUntil).toBe(chargedBps === 0 ? iso(61) : null);
      }
    }

    const history = await http().get(`/v1/merchants/${id}/fee-plans`).set(auth).expect(200);
    expect(history.body.versions).toMatchObject([
      {
        planVersion: 2,
        terms: terms(65),
        previousTerms: terms(60),
        effectiveFrom: iso(31),
        effectiveUntil: null,
        compensation: { kind: 'month_waived', months: 1 },
        feesWaivedUntil: iso(61),
        state: 'effective',
      },
      { planVersion: 1, terms: terms(60), effectiveUntil: iso(31), feesWaivedUntil: null },
    ]);
    expect(history.body.promotions).toMatchObject([{ bpsOff: 20, startsAt: iso(0), endsAt: iso(30) }]);
    expect(history.body.audit.map((a: { action: string }) => a.action)).toEqual([
      'increase_announced',
      'promotion_granted',
      'promotion_expired',
      'plan_changed',
    ]);

    await expectEventually(async () => {
      const timeline = await http().get(`/v1/merchants/${id}/timeline`).set(auth).expect(200);
      const fees = timeline.body.items.filter((e: { type: string }) => e.type.startsWith('Fee'));
      expect(fees.map((e: { type: string }) => e.type)).toEqual([
        'FeePlanChanged',
        'FeePromotionGranted',
        'FeeChangeAnnounced',
        'FeePlanChanged',
      ]);
      expect(fees[0].payload).toMatchObject({ planVersion: 2, feesWaivedUntil: iso(61) });
      expect(fees[1].payload).toMatchObject({ bpsOff: 20, startsAt: iso(0), endsAt: iso(30) });
      expect(fees[2].payload).toMatchObject({
        planVersion: 2,
        effectiveFrom: iso(31),
        feesWaivedUntil: iso(61),
      });
    });
  });

  it('should discount an increase that takes effect while a promotion still runs, and refuse an overlapping promotion', async () => {
    h.clock.set(day0);
    const created = await http().post('/v1/merchants').set(auth).send(individualApplication()).expect(201);
    const id: string = created.body.id;
    await http()
      .post(`/v1/merchants/${id}/fee-plans`)
      .set(auth)
      .send({ feePlanId: 'standard-2026', terms: terms(65), effectiveFrom: iso(31) })
      .expect(201);
    await http()
      .post(`/v1/merchants/${id}/fee-promotions`)
      .set(auth)
      .send({ bpsOff: 20, days: 60 })
      .expect(201);
    const overlap = await http()
      .post(`/v1/merchants/${id}/fee-promotions`)
      .set(auth)
      .send({ bpsOff: 5, days: 1 })
      .expect(409);
    expect(overlap.body.code).toBe('promotion_active');
    h.clock.set(day0 + 31 * DAY);
    await h.app.get(FeePlanScheduler).tick();
    const atDay = async (day: number) =>
      (
        await http()
          .get(`/v1/merchants/${id}/fee-plans/current`)
          .query({ at: iso(day) })
          .set(auth)
          .expect(200)
      ).body;
    expect((await atDay(31)).chargedTerms.rates.credit).toBe(45);
    expect((await atDay(59)).chargedTerms.rates.credit).toBe(45);
    expect((await atDay(60)).chargedTerms.rates.credit).toBe(65);
    await http().get(`/v1/merchants/NOPE/fee-plans/current`).set(auth).expect(404);
  });

  it('should end a legacy promotion version (written before promotions were overlays) with a version restoring the base', async () => {
    h.clock.set(day0);
    const created = await http().post('/v1/merchants').set(auth).send(individualApplication()).expect(201);
    const id: string = created.body.id;
    const table = (name: string) => `"${h.schema.schema}".${name}`;
    await adminQuery(
      `INSERT INTO ${table('fee_promotions')} (id, merchant_id, bps_off, starts_at, ends_at, state, granted_by, created_at)
       VALUES ($1, $2, 20, $3, $4, 'active', 'ops', $3)`,
      [`legacy-${id}`, id, iso(0), iso(10)],
    );
    await adminQuery(
      `INSERT INTO ${table('merchant_fee_plans')} (merchant_id, plan_version, fee_plan_id, terms, previous_terms,
         effective_from, promotion_id, state, applied_at, created_at)
       VALUES ($1, 2, 'promo-standard', $2::jsonb, $3::jsonb, $4, $5, 'effective', $4, $4)`,
      [id, JSON.stringify(terms(40)), JSON.stringify(terms(60)), iso(0), `legacy-${id}`],
    );
    const during = await http()
      .get(`/v1/merchants/${id}/fee-plans/current`)
      .query({ at: iso(5) })
      .set(auth);
    // The overlay from fee_promotions (20 off every channel), not the legacy row's terms.
    expect(during.body).toMatchObject({ planVersion: 1, baseTerms: terms(60), promotion: { bpsOff: 20 } });
    expect(during.body.terms.rates).toMatchObject({ credit: 40, debit: 30, qr_wechat: 18 });

    h.clock.set(day0 + 10 * DAY);
    await h.app.get(FeePlanScheduler).tick();
    const after = await http()
      .get(`/v1/merchants/${id}/fee-plans/current`)
      .query({ at: iso(11) })
      .set(auth);
    expect(after.body).toMatchObject({
      planVersion: 3,
      terms: terms(60),
      promotion: null,
      effectiveFrom: iso(10),
    });
    await expectEventually(async () => {
      const timeline = await http().get(`/v1/merchants/${id}/timeline`).set(auth).expect(200);
      expect(timeline.body.items[0]).toMatchObject({
        type: 'FeePlanChanged',
        payload: { planVersion: 3, terms: terms(60), previousTerms: terms(40), effectiveFrom: iso(10) },
      });
    });
  });
});
