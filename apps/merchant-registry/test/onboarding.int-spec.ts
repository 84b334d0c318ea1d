import { createEvent, parseEvent, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import { adminQuery, expectEventually, readTopic, testInfra, testKafka } from '@merchant-pulse/testing';
import request from 'supertest';
import { FeePlanScheduler } from '../src/fee-plans/jobs/fee-plan.scheduler';
import { businessApplication, individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(120_000);

const INDIVIDUAL_DOCS = ['id_card_front', 'id_card_back', 'settlement_card'];
const COMPANY_DOCS = [
  'business_licence',
  'corporate_account',
  'legal_rep_id_front',
  'legal_rep_id_back',
  'settlement_card',
  'store_photo_storefront',
  'store_photo_interior',
  'store_photo_cashier',
];
const WALK = ['draft>submitted', 'submitted>under_review', 'under_review>approved', 'approved>active'];

describe('merchant-registry (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  const http = () => request(h.app.getHttpServer());
  const auth = (secret: string = KEYS.ops) => ({ Authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    h = await startRegistry('registry');
  });
  afterAll(async () => h?.close());

  async function register(body: Record<string, unknown>): Promise<{ id: string; currentlyDue: string[] }> {
    const res = await http().post('/v1/merchants').set(auth()).send(body).expect(201);
    expect(res.body.status).toBe('draft');
    return { id: res.body.id, currentlyDue: res.body.requirements.currentlyDue };
  }

  async function upload(id: string, type: string): Promise<void> {
    const bytes = Buffer.from(`%PDF-1.4 ${id} ${type}`);
    const res = await http()
      .put(`/v1/merchants/${id}/documents/${type}`)
      .set(auth())
      .set('Content-Type', 'application/pdf')
      .send(bytes)
      .expect(201);
    expect(res.body).toMatchObject({ type, sizeBytes: bytes.length, mediaType: 'application/pdf' });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  }

  async function walkToActive(id: string, docs: string[]): Promise<void> {
    for (const type of docs) await upload(id, type);
    await http()
      .post(`/v1/merchants/${id}/submit`)
      .set(auth())
      .expect(200, { status: 'submitted', allowedNext: ['under_review', 'closed'] });
    await http().post(`/v1/merchants/${id}/review`).set(auth()).send({ decision: 'start' }).expect(200);
    await http()
      .post(`/v1/merchants/${id}/review`)
      .set(auth())
      .send({ decision: 'approve', reasonCodes: ['documents_verified'] })
      .expect(200);
    const res = await http().post(`/v1/merchants/${id}/activate`).set(auth()).expect(200);
    expect(res.body.status).toBe('active');
  }

  it('should walk individual, company and sole-proprietor applications to active and publish their lifecycle events in order', async () => {
    const individual = await register(individualApplication());
    const company = await register(businessApplication());
    const sole = await register(businessApplication({ businessType: 'sole_proprietor' }));
    expect(individual.currentlyDue).toEqual([
      'documents.id_card_front',
      'documents.id_card_back',
      'documents.settlement_card',
    ]);
    expect(company.currentlyDue).toContain('documents.corporate_account');
    expect(company.currentlyDue).toContain('store_photos.cashier');
    expect(sole.currentlyDue).not.toContain('documents.corporate_account');
    expect(sole.currentlyDue).toHaveLength(7);

    await walkToActive(individual.id, INDIVIDUAL_DOCS);
    await walkToActive(company.id, COMPANY_DOCS);
    await walkToActive(
      sole.id,
      COMPANY_DOCS.filter((d) => d !== 'corporate_account'),
    );

    const messages = await readTopic(testKafka(), `${h.topics.prefix}${Topics.MerchantLifecycle}`, {
      count: 18,
    });
    for (const { id } of [individual, company, sole]) {
      const mine = messages.filter((m) => m.key === id);
      const events = mine.map((m) => {
        const parsed = parseEvent(m.value, { topic: Topics.MerchantLifecycle });
        if (!parsed.ok) throw new Error(parsed.detail);
        return parsed.event;
      });
      expect(events.map((e) => e.type)).toEqual([
        'MerchantRegistered',
        'FeePlanChanged',
        'MerchantStatusChanged',
        'MerchantStatusChanged',
        'MerchantStatusChanged',
        'MerchantStatusChanged',
      ]);
      const moves = events.slice(2).map((e) => {
        const p = e.payload as { from: string; to: string };
        return `${p.from}>${p.to}`;
      });
      expect(moves).toEqual(WALK);
      for (const [i, e] of events.entries()) {
        expect(e).toMatchObject({ merchantId: id, producer: 'merchant-registry', version: 1 });
        expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(mine[i]!.headers['event-type']).toBe(e.type);
      }
      expect(events[1]!.payload).toMatchObject({ feePlanId: 'standard', planVersion: 1 });
    }
  });

  it('should answer 400 with field-level messages when identifiers are invalid or fields unknown', async () => {
    const res = await http()
      .post('/v1/merchants')
      .set(auth())
      .send(
        businessApplication({
          idNumber: '110105199003071235',
          creditCode: '91310115MA1H8XXX0A',
          contact: { name: 'x', phone: '12345678901' },
          settlementCard: { number: '6222021001123456780' },
          nickname: 'unknown field',
        }),
      )
      .expect(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['contact.phone', 'creditCode', 'idNumber', 'nickname', 'settlementCard.number']);
    const individualWithLicence = await http()
      .post('/v1/merchants')
      .set(auth())
      .send(individualApplication({ creditCode: '91310115MA1H8XXX0A', businessType: 'company' }))
      .expect(400);
    expect(individualWithLicence.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'businessType',
      'creditCode',
    ]);
  });

  it('should answer 422 with what is due when submitting with missing documents', async () => {
    const { id } = await register(individualApplication());
    await upload(id, 'id_card_front');
    const res = await http().post(`/v1/merchants/${id}/submit`).set(auth()).expect(422);
    expect(res.body).toMatchObject({
      currentlyDue: ['documents.id_card_back', 'documents.settlement_card'],
      blockedReason: 'requirements.currently_due',
    });
  });

  it('should answer 409 with the current status and allowed next ones when a transition is illegal', async () => {
    const { id } = await register(individualApplication());
    const res = await http().post(`/v1/merchants/${id}/activate`).set(auth()).expect(409);
    expect(res.body).toMatchObject({ currentStatus: 'draft', allowedNext: ['submitted', 'closed'] });
    await http()
      .post(`/v1/merchants/${id}/review`)
      .set(auth(KEYS.reader))
      .send({ decision: 'start' })
      .expect(403);
    await http().get(`/v1/merchants/${id}`).expect(401);
  });

  it('should store no plaintext phone or ID number and find merchants through the blind index', async () => {
    const body = individualApplication();
    const { id } = await register(body);
    const phone = (body.contact as { phone: string }).phone;
    const idNumber = body.idNumber as string;
    const tables = await adminQuery<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
      [h.schema.schema],
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const [row] = await adminQuery<{ n: string }>(
        `SELECT count(*) AS n FROM "${h.schema.schema}"."${table_name}" t WHERE t::text LIKE $1 OR t::text LIKE $2`,
        [`%${phone}%`, `%${idNumber}%`],
      );
      expect({ table_name, n: Number(row!.n) }).toEqual({ table_name, n: 0 });
    }
    const masked = await http().get(`/v1/merchants/${id}`).set(auth(KEYS.reader)).expect(200);
    expect(masked.body.contact.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(masked.body.piiMasked).toBe(true);
    const clear = await http().get(`/v1/merchants/${id}`).set(auth(KEYS.pii)).expect(200);
    expect(clear.body).toMatchObject({ idNumber, piiMasked: false, contact: { phone } });
    const search = (body: object) => http().post('/v1/merchants/search').set(auth(KEYS.search)).send(body);
    const byPhone = await search({ phone }).expect(200);
    expect(byPhone.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    const byId = await search({ idNumber }).expect(200);
    expect(byId.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it('should assign and activate a terminal with history and events', async () => {
    const { id } = await register(businessApplication());
    const created = await http()
      .post('/v1/terminals')
      .set(auth())
      .send({ serialNumber: `SN-${id}`, model: 'PAX A920', firmwareVersion: '3.2.1' })
      .expect(201);
    const tid = created.body.id as string;
    expect(created.body.status).toBe('inventory');
    await http().post(`/v1/terminals/${tid}/activate`).set(auth()).expect(409);
    await http()
      .post(`/v1/terminals/${tid}/assign`)
      .set(auth())
      .send({ merchantId: id, address: 'Shop 1' })
      .expect(200);
    await http().post(`/v1/terminals/${tid}/activate`).set(auth()).expect(200);
    await http()
      .post(`/v1/terminals/${tid}/status`)
      .set(auth())
      .send({ to: 'faulty', reason: 'reader broken' })
      .expect(200);
    const got = await http().get(`/v1/terminals/${tid}`).set(auth()).expect(200);
    expect(got.body.history.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'inventory',
      'assigned',
      'active',
      'faulty',
    ]);
    await expectEventually(async () => {
      const timeline = await http().get(`/v1/merchants/${id}/timeline`).set(auth()).expect(200);
      expect(timeline.body.items.slice(0, 3).map((e: { type: string }) => e.type)).toEqual([
        'TerminalStatusChanged',
        'TerminalStatusChanged',
        'TerminalAssigned',
      ]);
    });
  });

  it('should take tiers from churn.risk.v1, list by tier and show the event on the timeline', async () => {
    const { id } = await register(individualApplication());
    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'registry-test' });
    const producer = new EventProducer(kafka, new TopicNamer(h.topics.prefix));
    const event = createEvent('MerchantRiskChanged', {
      merchantId: id,
      producer: 'churn-scoring',
      occurredAt: '2026-03-01T03:00:00.000Z',
      payload: {
        score: 71,
        scoreBand: 'high',
        behaviourTier: 'at_risk',
        valueTier: 'mid',
        reasons: [{ code: 'volume_drop', message: 'Weekly volume fell 62%', evidence: { dropPct: 62 } }],
        modelVersion: 'bgnbd-test',
        asOf: '2026-03-01T03:00:00.000Z',
      },
    });
    await producer.connect();
    await producer.send([{ topic: Topics.ChurnRisk, key: id, value: Buffer.from(JSON.stringify(event)) }]);
    await producer.disconnect();
    await expectEventually(
      async () => {
        const res = await http()
          .get('/v1/merchants')
          .query({ tier: 'at_risk' })
          .set(auth(KEYS.reader))
          .expect(200);
        expect(res.body.items.map((m: { id: string }) => m.id)).toContain(id);
      },
      { timeoutMs: 40_000, intervalMs: 250 },
    );
    const timeline = await http()
      .get(`/v1/merchants/${id}/timeline`)
      .query({ limit: 1 })
      .set(auth())
      .expect(200);
    expect(timeline.body.items[0]).toMatchObject({ type: 'MerchantRiskChanged', source: 'churn-scoring' });
    expect(timeline.body.nextCursor).toEqual(expect.any(String));
    const next = await http()
      .get(`/v1/merchants/${id}/timeline`)
      .query({ cursor: timeline.body.nextCursor })
      .set(auth())
      .expect(200);
    expect(next.body.items.map((e: { type: string }) => e.type)).toEqual([
      'FeePlanChanged',
      'MerchantRegistered',
    ]);
  });

  it('should announce a rate increase, apply it when the clock reaches it, and end a promotion by itself', async () => {
    const { id } = await register(individualApplication());
    const higher = {
      rates: { credit: 65, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
      debitCapMinor: 2500,
    };
    const soon = new Date(h.clock.nowMs() + 10 * 86_400_000).toISOString();
    const tooSoon = await http()
      .post(`/v1/merchants/${id}/fee-plans`)
      .set(auth())
      .send({ feePlanId: 'standard-2026', terms: higher, effectiveFrom: soon })
      .expect(422);
    expect(tooSoon.body.code).toBe('notice_period_too_short');
    const later = new Date(h.clock.nowMs() + 30 * 86_400_000).toISOString();
    await http()
      .post(`/v1/merchants/${id}/fee-plans`)
      .set(auth())
      .send({
        feePlanId: 'standard-2026',
        terms: higher,
        effectiveFrom: later,
        compensation: { kind: 'month_waived', months: 1 },
      })
      .expect(201);
    await http()
      .post(`/v1/merchants/${id}/fee-promotions`)
      .set(auth())
      .send({ bpsOff: 10, days: 7 })
      .expect(201);
    const scheduler = h.app.get(FeePlanScheduler);
    h.clock.advanceDays(8);
    await scheduler.tick();
    h.clock.advanceDays(23);
    await scheduler.tick();
    const plans = await http().get(`/v1/merchants/${id}/fee-plans`).set(auth()).expect(200);
    expect(
      plans.body.versions.map((v: { planVersion: number; state: string }) => `${v.planVersion}:${v.state}`),
    ).toEqual(['2:effective', '1:effective']);
    expect(plans.body.audit.map((a: { action: string }) => a.action)).toEqual([
      'increase_announced',
      'promotion_granted',
      'promotion_expired',
      'plan_changed',
    ]);
    await expectEventually(async () => {
      const timeline = await http().get(`/v1/merchants/${id}/timeline`).set(auth()).expect(200);
      // A promotion is an overlay (FeePromotionGranted) that ends by itself: no plan versions of its own.
      expect(timeline.body.items.map((e: { type: string }) => e.type).slice(0, 4)).toEqual([
        'FeePlanChanged',
        'FeePromotionGranted',
        'FeeChangeAnnounced',
        'FeePlanChanged',
      ]);
    });
  });
});
