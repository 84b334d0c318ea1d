import { adminQuery, expectEventually } from '@merchant-pulse/testing';
import { v7 as uuidv7 } from 'uuid';
import { CareSurveyTokenSigner } from '../../../apps/reactivation-campaigns/src/care/care-survey-token';
import { OUTREACH_KEYS, OutreachHarness } from '../outreach/outreach.harness';

jest.setTimeout(240_000);

const DAY = 86_400_000;
const admin = { Authorization: `Bearer ${OUTREACH_KEYS.admin}` };
const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
/** Service consent on every channel (part of the merchant agreement) plus marketing by SMS and email. */
const CONSENTS = [
  { channel: 'sms', purpose: 'service', granted: true },
  { channel: 'sms', purpose: 'marketing', granted: true },
  { channel: 'email', purpose: 'service', granted: true },
  { channel: 'email', purpose: 'marketing', granted: true },
  { channel: 'phone', purpose: 'service', granted: true },
];

/** One day of approved card trading at 12:00 local (`qr` of them by WeChat QR). */
function tradingDay(date: string, count: number, qr = 0): Record<string, unknown> {
  const card = count - qr;
  const zero = { count: 0, amountMinor: 0, feeMinor: 0 };
  return {
    date,
    approvedCount: count,
    declinedCount: 0,
    approvedAmountMinor: count * 5_000,
    refundCount: 0,
    refundAmountMinor: 0,
    netAmountMinor: count * 5_000,
    feeMinor: card * 30 + qr * 19,
    byChannel: {
      credit: { count: card, amountMinor: card * 5_000, feeMinor: card * 30 },
      debit: zero,
      qr_alipay: zero,
      qr_wechat: { count: qr, amountMinor: qr * 5_000, feeMinor: qr * 19 },
      unionpay_qr: zero,
    },
    cardReadFailureCount: 0,
    hourlyApprovedCounts: Array.from({ length: 24 }, (_, h) => (h === 12 ? count : 0)),
    firstApprovedAt: `${date}T04:00:00.000Z`,
    lastApprovedAt: `${date}T04:30:00.000Z`,
    asOf: `${date}T05:00:00.000Z`,
  };
}

/**
 * Issue 13, care programme: return visits from the scheduling rules on the settable clock, quarterly
 * satisfaction surveys through the real SMS gateway with single-use links, training offers, and the
 * tickets' CSAT links delivered through outreach — registry + campaigns on real Postgres, Kafka, Redis.
 */
describe('care programme (registry + campaigns on real Postgres, Kafka, Redis, SMTP, HTTP)', () => {
  const h = new OutreachHarness();
  const smsTo = (phone: string) => h.sms.received.filter((m) => m.to === phone);
  const visitsOf = async (merchantId: string) =>
    (await h.campaignsHttp().get('/v1/care/visits').query({ merchantId }).set(admin).expect(200)).body.items;
  const run = async (part: string) =>
    (
      await h
        .campaignsHttp()
        .post('/v1/care/runs')
        .set(admin)
        .send({ parts: [part] })
        .expect(200)
    ).body[part];
  const trader = async (date: string, qr = 1) => {
    const m = await h.activeMerchant({ consents: CONSENTS });
    await h.publish('MerchantDailyActivity', m.id, tradingDay(date, 6, qr));
    await h.waitForContext(m.id, (c) => expect(c.lastApprovedDate).toBe(date));
    return m;
  };

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => h.close());

  it('should give a new merchant a return-visit call one month after its first trading day, and record needs, a complaint and a training request', async () => {
    h.clock.set('2026-03-02T02:00:00.000Z'); // 10:00 in Shanghai
    const m = await trader('2026-03-02');

    h.clock.set('2026-03-31T02:00:00.000Z');
    await run('visits');
    expect(await visitsOf(m.id)).toHaveLength(0);

    h.clock.set('2026-04-01T02:00:00.000Z'); // 30 days after the first trading day, 10:00 local
    await run('visits');
    await run('visits');
    const [visit] = await visitsOf(m.id);
    expect(await visitsOf(m.id)).toHaveLength(1);
    expect(visit).toMatchObject({ kind: 'new_merchant', cycleKey: 'first-month', channel: 'phone_task' });

    const ready = await expectEventually(
      async () => {
        const v = (await h.campaignsHttp().get(`/v1/care/visits/${visit.id}`).set(admin).expect(200)).body;
        expect(v.state).toBe('call_open');
        return v;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(ready.context).toMatchObject({ merchantId: m.id, lastApprovedDate: '2026-03-02' });
    const task = (await h.campaignsHttp().get(`/v1/phone-tasks/${ready.phoneTaskId}`).set(agent).expect(200))
      .body;
    expect(JSON.stringify(task)).toContain('开通使用满一个月的新商户回访');

    // Field-level 400s, credentials, and the claim the phone side requires.
    const bad = await h
      .campaignsHttp()
      .post(`/v1/care/visits/${visit.id}/outcome`)
      .set(agent)
      .send({ outcome: 'maybe', complaint: { category: 'weather', summary: '' }, needs: 'x' })
      .expect(400);
    const text = JSON.stringify(bad.body);
    expect(text).toContain('outcome must be one of');
    expect(text).toContain('complaint.category');
    expect(text).toContain('needs');
    await h.campaignsHttp().get('/v1/care/summary').expect(401);
    await h.campaignsHttp().get('/v1/care/summary').set(agent).expect(403);
    const body = {
      outcome: 'reached',
      needs: ['想增加一台终端'],
      complaint: { category: 'fee_complaint', summary: '上月手续费比预期高' },
      trainingRequested: true,
      note: '老板希望有人上门讲解扫码收款',
    };
    await h.campaignsHttp().post(`/v1/care/visits/${visit.id}/outcome`).set(agent).send(body).expect(409);
    await h.campaignsHttp().post(`/v1/phone-tasks/${ready.phoneTaskId}/claim`).set(agent).expect(200);
    const done = (
      await h.campaignsHttp().post(`/v1/care/visits/${visit.id}/outcome`).set(agent).send(body).expect(200)
    ).body;
    expect(done).toMatchObject({
      state: 'done',
      outcome: 'reached',
      needs: ['想增加一台终端'],
      complaintCategory: 'fee_complaint',
      trainingRequested: true,
      agent: 'agent-li',
    });
    await h.campaignsHttp().post(`/v1/care/visits/${visit.id}/outcome`).set(agent).send(body).expect(409);

    // The complaint goes to after-sales on the path tickets consume (one request, keyed by the visit).
    const requests = await adminQuery<{ value: string }>(
      `SELECT value FROM "${h.schema.schema}".outbox WHERE event_type = 'FixFirstRequested'
        AND value::jsonb->'payload'->>'requestId' = $1`,
      [visit.id],
    );
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0].value)).toMatchObject({
      merchantId: m.id,
      payload: { category: 'fee_complaint', openTicketIds: [], summary: '回访投诉：上月手续费比预期高' },
    });
    // The training request becomes a training call.
    await expectEventually(
      async () => {
        const rows = await adminQuery<{ script: string }>(
          `SELECT t.script FROM "${h.schema.schema}".phone_task t JOIN "${h.schema.schema}".care_training_offers o
             ON o.send_id = t.send_id WHERE o.merchant_id = $1 AND o.reason = 'requested_on_visit'`,
          [m.id],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].script).toContain('您在回访中希望参加收银培训');
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const summary = (await h.campaignsHttp().get('/v1/care/summary').set(admin).expect(200)).body;
    expect(summary.visits).toContainEqual({ kind: 'new_merchant', planned: 1, done: 1 });
  });

  it('should send the quarterly survey once by SMS, accept one answer (second 409), and follow a low score up with a call', async () => {
    h.clock.set('2026-04-02T02:00:00.000Z');
    const m = await trader('2026-04-01');
    const sent = await run('surveys');
    expect(sent.quarter).toBe('2026-Q2');
    expect(sent.sent).toBeGreaterThanOrEqual(1);
    expect((await run('surveys')).sent).toBe(0);

    const sms = await expectEventually(
      async () => {
        const received = smsTo(m.phone);
        expect(received).toHaveLength(1);
        return received[0];
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(sms.text).toContain('2026年第2季度满意度调查');
    const token = /\/v1\/care\/surveys\/([A-Za-z0-9_.-]+)/.exec(sms.text)![1];

    const bad = await h
      .campaignsHttp()
      .post(`/v1/care/surveys/${token}`)
      .send({ score: 6, nps: 11 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('score must not be greater than 5');
    expect(JSON.stringify(bad.body)).toContain('nps must not be greater than 10');
    await h
      .campaignsHttp()
      .post(`/v1/care/surveys/${token.slice(0, -2)}xx`)
      .send({ score: 5 })
      .expect(404);
    const expired = h.campaigns.get(CareSurveyTokenSigner).sign(uuidv7(), new Date(h.clock.nowMs() - DAY));
    await h.campaignsHttp().post(`/v1/care/surveys/${expired}`).send({ score: 5 }).expect(422);

    const answer = { score: 2, nps: 3, comment: '客服电话总是打不通' };
    const first = await h.campaignsHttp().post(`/v1/care/surveys/${token}`).send(answer).expect(200);
    expect(first.body.followUp).toBe(true);
    await h.campaignsHttp().post(`/v1/care/surveys/${token}`).send({ score: 5 }).expect(409);
    const links = (await h.campaignsHttp().get(`/v1/care/surveys/by-merchant/${m.id}`).set(admin).expect(200))
      .body;
    expect(links.items).toHaveLength(1);
    expect(links.items[0]).toMatchObject({ quarter: '2026-Q2', score: 2 });
    expect(links.items[0].surveyUrl).toBe(`http://127.0.0.1:3004/v1/care/surveys/${token}`);
    await h.campaignsHttp().get(`/v1/care/surveys/by-merchant/${m.id}`).set(agent).expect(403);

    const followUp = await expectEventually(
      async () => {
        const [v] = (await visitsOf(m.id)).filter((x: { kind: string }) => x.kind === 'survey_follow_up');
        expect(v?.state).toBe('call_open');
        return v;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const task = (
      await h.campaignsHttp().get(`/v1/phone-tasks/${followUp.phoneTaskId}`).set(agent).expect(200)
    ).body;
    expect(JSON.stringify(task)).toContain('打了2分（客服电话总是打不通）');

    const byTier = (
      await h
        .campaignsHttp()
        .get('/v1/care/surveys/results')
        .query({ by: 'tier', quarter: '2026-Q2' })
        .set(admin)
        .expect(200)
    ).body;
    const standard = byTier.rows.find((r: { group: string }) => r.group === 'standard');
    expect(standard).toMatchObject({ answered: 1, averageScore: 2, nps: -100, lowScores: 1 });
    expect(standard.sent).toBeGreaterThanOrEqual(1);
    await h.campaignsHttp().get('/v1/care/surveys/results').query({ by: 'colour' }).set(admin).expect(400);
    const summary = (await h.campaignsHttp().get('/v1/care/summary').set(admin).expect(200)).body;
    expect(summary.surveys).toMatchObject({ answered: 1, averageScore: 2, followUps: 1 });
  });

  it('should deliver a ticket CSAT link (SurveyRequested) as exactly one service SMS however often it arrives', async () => {
    h.clock.set('2026-04-02T03:00:00.000Z');
    const m = await h.activeMerchant({ consents: CONSENTS });
    const surveyId = uuidv7();
    const request = {
      ticketId: uuidv7(),
      surveyId,
      surveyPath: `/v1/surveys/${surveyId}.1777000000.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`,
      expiresAt: '2026-04-16T03:00:00.000Z',
    };
    await h.publish('SurveyRequested', m.id, request);
    await h.publish('SurveyRequested', m.id, request);
    const record = await h.settled(`ticket-csat:${surveyId}`, m.id);
    expect(record).toMatchObject({ state: 'delivered', channel: 'sms', purpose: 'service' });
    const received = smsTo(m.phone);
    expect(received).toHaveLength(1);
    expect(received[0].text).toContain(`http://127.0.0.1:3005${request.surveyPath}`);
    // A sentinel published after the duplicate proves the duplicate was consumed, yet nothing was re-sent.
    const sentinel = uuidv7();
    await h.publish('SurveyRequested', m.id, { ...request, surveyId: sentinel });
    await h.settled(`ticket-csat:${sentinel}`, m.id);
    expect(smsTo(m.phone)).toHaveLength(2);
    const sends = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${h.schema.schema}".outbox WHERE event_type = 'OutreachSent'
        AND value::jsonb->'payload'->>'campaignId' = $1`,
      [`ticket-csat:${surveyId}`],
    );
    expect(sends[0].n).toBe(1);
  });

  it('should offer training to a merchant that never used QR, once a quarter, and not to one that did', async () => {
    h.clock.set('2026-04-03T02:00:00.000Z');
    const cardOnly = await trader('2026-04-02', 0);
    const qrUser = await trader('2026-04-02', 2);
    await run('training');
    await run('training');
    await expectEventually(
      async () => {
        const received = smsTo(cardOnly.phone).filter((s) => s.text.includes('扫码收款'));
        expect(received).toHaveLength(1);
        expect(received[0].text).toContain('可预约免费收银培训');
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const offers = await adminQuery<{ merchant_id: string; reason: string }>(
      `SELECT merchant_id, reason FROM "${h.schema.schema}".care_training_offers WHERE merchant_id = ANY($1)`,
      [[cardOnly.id, qrUser.id]],
    );
    expect(offers).toEqual([{ merchant_id: cardOnly.id, reason: 'never_used_qr' }]);
  });
});
