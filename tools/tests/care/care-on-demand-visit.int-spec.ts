import { expectEventually } from '@merchant-pulse/testing';
import { OUTREACH_KEYS, OutreachHarness } from '../outreach/outreach.harness';

jest.setTimeout(240_000);

const admin = { Authorization: `Bearer ${OUTREACH_KEYS.admin}` };
const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
const CONSENTS = [
  { channel: 'sms', purpose: 'service', granted: true },
  { channel: 'email', purpose: 'service', granted: true },
  { channel: 'phone', purpose: 'service', granted: true },
];

/**
 * Issue 15: ops opens a return visit for one merchant from the at-risk worklist (`POST /v1/care/visits`):
 * made like the scheduler's visits (a phone task with the visit script), one open visit per merchant.
 */
describe('on-demand care visit (registry + campaigns on real Postgres, Kafka, Redis)', () => {
  const h = new OutreachHarness();

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => h.close());

  it('should open a call with the reason in its script, refuse a second open visit with 409, and check scope and input', async () => {
    h.clock.set('2026-04-01T02:00:00.000Z'); // 10:00 in Shanghai, inside the send window
    const m = await h.activeMerchant({ consents: CONSENTS });
    const opened = await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(admin)
      .send({ merchantId: m.id, reason: '风险商户清单：交易量下降', note: '老板上周投诉到账慢' })
      .expect(201);
    expect(opened.body).toMatchObject({ merchantId: m.id, kind: 'on_demand', channel: 'phone_task' });
    expect(opened.body.cycleKey).toMatch(/^on-demand:/);

    const again = await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(admin)
      .send({ merchantId: m.id, reason: '再开一次' })
      .expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, visitId: opened.body.id });

    const ready = await expectEventually(
      async () => {
        const v = (await h.campaignsHttp().get(`/v1/care/visits/${opened.body.id}`).set(admin).expect(200))
          .body;
        expect(v.state).toBe('call_open');
        return v;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const task = (await h.campaignsHttp().get(`/v1/phone-tasks/${ready.phoneTaskId}`).set(agent).expect(200))
      .body;
    expect(JSON.stringify(task)).toContain('风险商户清单：交易量下降；老板上周投诉到账慢');
    // Still open while the call is open: refused again.
    await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(admin)
      .send({ merchantId: m.id, reason: 'x' })
      .expect(409);

    await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(agent)
      .send({ merchantId: m.id, reason: 'x' })
      .expect(403);
    await h.campaignsHttp().post('/v1/care/visits').send({ merchantId: m.id, reason: 'x' }).expect(401);
    await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(admin)
      .send({ merchantId: 'M-unknown-to-campaigns', reason: 'x' })
      .expect(404);
    const bad = await h
      .campaignsHttp()
      .post('/v1/care/visits')
      .set(admin)
      .send({ merchantId: '', reason: '', note: 5 })
      .expect(400);
    const text = JSON.stringify(bad.body);
    expect(text).toContain('merchantId');
    expect(text).toContain('reason');
    expect(text).toContain('note');
  });
});
