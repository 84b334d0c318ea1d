import { STANDARD_FEE_RATES } from '@merchant-pulse/fees';
import { adminQuery, expectEventually } from '@merchant-pulse/testing';
import { KEYS } from '../../../apps/merchant-registry/test/registry.harness';
import { FeePlanScheduler } from '../../../apps/merchant-registry/src/fee-plans/jobs/fee-plan.scheduler';
import { monthlyFeeComparison } from '../../../apps/reactivation-campaigns/src/offers/offer-cost';
import {
  BullMqOutreachScheduler,
  HoldoutContactError,
  jobIdOf,
  sendIdOf,
} from '../../../apps/reactivation-campaigns/src/outreach/bullmq-outreach.scheduler';
import { enrolment, OUTREACH_KEYS, OutreachHarness, step } from './outreach.harness';

jest.setTimeout(180_000);

const DAY = 86_400_000;

/**
 * Issue 11, outreach half: guards at send time, channels over real protocols (SMTP server, HTTP SMS
 * gateway), offers applied as registry promotions, restarts that send nothing twice.
 */
describe('campaign outreach (registry + campaigns on real Postgres, Kafka, Redis, SMTP, HTTP)', () => {
  const h = new OutreachHarness();
  const scheduler = () => h.campaigns.get(BullMqOutreachScheduler);
  let campaignSeq = 0;
  const campaign = (label: string) => `CMP-${label}-${process.pid}-${++campaignSeq}`;
  const smsTo = (phone: string) => h.sms.received.filter((m) => m.to === phone);
  const mailTo = (email: string | null) => h.smtp.received.filter((m) => m.to.includes(email ?? ''));
  const outbox = (type: string, id: string) =>
    adminQuery<{ value: string }>(
      `SELECT value FROM "${h.schema.schema}".outbox WHERE event_type = $1 AND value::jsonb->'payload'->>'outreachId' = $2
       UNION ALL SELECT value FROM "${h.schema.schema}".outbox WHERE event_type = $1 AND value::jsonb->'payload'->>'requestId' = $2`,
      [type, id],
    );

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => h.close());

  beforeEach(() => {
    h.clock.set('2026-03-02T02:00:00.000Z');
    h.sms.statusFor = () => 200;
  });

  it('should send an SMS with the rendered Chinese template and record it with a masked address', async () => {
    const m = await h.activeMerchant();
    const id = campaign('sms');
    await scheduler().schedule(
      enrolment(h.clock, id, m.id, [step({ offer: { kind: 'fee_discount', discountBps: 20, days: 30 } })]),
    );

    const record = await h.settled(id, m.id);
    expect(record).toMatchObject({ state: 'delivered', channel: 'sms', skipReason: null, attempts: 1 });
    expect(record.addressMasked).toMatch(/^139\*+\d{4}$/);
    expect(record.addressMasked).not.toBe(m.phone);
    const [sms] = smsTo(m.phone);
    expect(sms.text).toBe(record.body);
    expect(sms.text).toContain('您好，我们注意到您已有一段时间没有交易。即日起30天内手续费率每笔立减0.20%。');
    expect(sms.reference).toBe(record.id);
    expect(sms.authorization).toBe('Bearer sms-gateway-test-key');
    expect(await outbox('OutreachSent', record.id)).toHaveLength(1);
    // The registry's contact endpoint is narrow: its own scope, one valid channel.
    const contact = `/v1/merchants/${m.id}/outreach-contact`;
    await h
      .registryHttp()
      .get(contact)
      .query({ channel: 'sms' })
      .set({ Authorization: `Bearer ${KEYS.ops}` })
      .expect(403);
    await h
      .registryHttp()
      .get(contact)
      .query({ channel: 'fax' })
      .set({ Authorization: `Bearer ${OUTREACH_KEYS.campaigns}` })
      .expect(400);
  });

  it('should skip with no_consent when the channel lacks consent for the purpose, and fall back to a channel that has it', async () => {
    // Service consent on every channel is part of the merchant agreement; this merchant withdrew it.
    const m = await h.activeMerchant({
      consents: [
        { channel: 'sms', purpose: 'marketing', granted: true },
        { channel: 'sms', purpose: 'service', granted: false },
        { channel: 'email', purpose: 'service', granted: false },
      ],
    });
    const noFallback = campaign('consent');
    const withFallback = campaign('fallback');
    await scheduler().schedule(enrolment(h.clock, noFallback, m.id, [step({ channel: 'email' })]));
    expect(await h.settled(noFallback, m.id)).toMatchObject({
      state: 'skipped',
      skipReason: 'no_consent',
      channel: null,
    });
    expect(mailTo(m.email)).toHaveLength(0);

    await scheduler().schedule(
      enrolment(h.clock, withFallback, m.id, [
        step({ channel: 'email', fallbackChannels: ['sms'], purpose: 'service' }),
      ]),
    );
    // Service purpose: sms has only marketing consent here, so email → sms both lack service consent.
    expect(await h.settled(withFallback, m.id)).toMatchObject({ state: 'skipped', skipReason: 'no_consent' });

    const marketingFallback = campaign('fallback-marketing');
    await scheduler().schedule(
      enrolment(h.clock, marketingFallback, m.id, [step({ channel: 'email', fallbackChannels: ['sms'] })]),
    );
    expect(await h.settled(marketingFallback, m.id)).toMatchObject({ state: 'delivered', channel: 'sms' });
    expect(mailTo(m.email)).toHaveLength(0);
    expect(smsTo(m.phone)).toHaveLength(1);
  });

  it('should fall back to email when the SMS gateway refuses the number (4xx) and retry a 5xx with backoff', async () => {
    const refused = await h.activeMerchant();
    const flaky = await h.activeMerchant();
    let failures = 0;
    h.sms.statusFor = (to) => (to === refused.phone ? 400 : to === flaky.phone && failures++ < 2 ? 503 : 200);
    const id = campaign('delivery');
    await scheduler().schedule(enrolment(h.clock, id, refused.id, [step({ fallbackChannels: ['email'] })]));
    await scheduler().schedule(enrolment(h.clock, id, flaky.id, [step()]));

    expect(await h.settled(id, refused.id)).toMatchObject({ state: 'delivered', channel: 'email' });
    const [mail] = mailTo(refused.email);
    expect(mail.subject).toContain('您的收款服务有新的优惠');
    expect(mail.messageId).toBe(`<${sendIdOf(id, refused.id, 0)}@merchant-pulse.outreach>`);
    const retried = await h.settled(id, flaky.id);
    expect(retried).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(smsTo(flaky.phone).map((m) => m.status)).toEqual([503, 503, 200]);
  });

  it('should cap marketing at 2 contacts per 7 days across campaigns but still send a service notice', async () => {
    const m = await h.activeMerchant();
    const [a, b, c, notice] = [
      campaign('cap-a'),
      campaign('cap-b'),
      campaign('cap-c'),
      campaign('cap-notice'),
    ];
    for (const id of [a, b]) {
      await scheduler().schedule(enrolment(h.clock, id, m.id, [step()]));
      expect(await h.settled(id, m.id)).toMatchObject({ state: 'delivered' });
    }
    await scheduler().schedule(enrolment(h.clock, c, m.id, [step()]));
    expect(await h.settled(c, m.id)).toMatchObject({ state: 'skipped', skipReason: 'frequency_cap' });
    await scheduler().schedule(
      enrolment(h.clock, notice, m.id, [step({ purpose: 'service', templateId: 'fee-change-notice' })]),
    );
    expect(await h.settled(notice, m.id)).toMatchObject({ state: 'delivered' });
    expect(smsTo(m.phone)).toHaveLength(3);

    // Eight days later the window has passed.
    h.clock.set('2026-03-10T02:00:00.000Z');
    const later = campaign('cap-later');
    await scheduler().schedule(enrolment(h.clock, later, m.id, [step()]));
    expect(await h.settled(later, m.id)).toMatchObject({ state: 'delivered' });
  });

  it('should hold a send outside business hours and in the merchant own peak hours, then send it when allowed', async () => {
    const m = await h.activeMerchant();
    const night = campaign('night');
    h.clock.set('2026-03-02T13:30:00.000Z'); // 21:30 in Shanghai
    await scheduler().schedule(enrolment(h.clock, night, m.id, [step()]));
    const held = await h.settled(night, m.id);
    expect(held).toMatchObject({ state: 'held', heldUntil: new Date('2026-03-03T01:00:00.000Z') });
    expect(smsTo(m.phone)).toHaveLength(0);
    expect(await scheduler().queue('sms').getJobState(jobIdOf(held.id, 0))).toBe('delayed');

    h.clock.set('2026-03-03T01:00:05.000Z');
    expect(await scheduler().promoteDue()).toBeGreaterThanOrEqual(1);
    await expectEventually(async () =>
      expect((await h.records().findById(held.id))?.state).toBe('delivered'),
    );
    expect(smsTo(m.phone)).toHaveLength(1);

    // Its own peak: a lunch rush at 11:00–12:00 local (activity projected from merchant.activity.v1).
    const busy = await h.activeMerchant();
    const hours = Array.from({ length: 24 }, (_, hour) =>
      hour === 11 ? 60 : hour >= 9 && hour < 20 ? 2 : 0,
    );
    await h.publish('MerchantDailyActivity', busy.id, {
      date: '2026-03-02',
      timezone: 'Asia/Shanghai',
      hourlyApprovedCounts: hours,
    });
    await h.waitForContext(busy.id, (c) => expect(c.hourHistogram[11]).toBe(60));
    h.clock.set('2026-03-03T03:10:00.000Z'); // 11:10 local
    const lunch = campaign('peak');
    await scheduler().schedule(enrolment(h.clock, lunch, busy.id, [step()]));
    expect(await h.settled(lunch, busy.id)).toMatchObject({
      state: 'held',
      heldUntil: new Date('2026-03-03T04:00:00.000Z'),
    });
  });

  it('should suppress a promotion to a merchant with an open card-read ticket and request a fix-first ticket', async () => {
    const m = await h.activeMerchant();
    await h.publish('TicketOpened', m.id, {
      ticketId: `TK-${m.id}`,
      category: 'card_read_failure',
      source: 'merchant',
    });
    await h.waitForContext(m.id, (c) =>
      expect(c.openTickets.map((t) => t.category)).toContain('card_read_failure'),
    );
    const id = campaign('fix-first');
    await scheduler().schedule(
      enrolment(h.clock, id, m.id, [step({ offer: { kind: 'fee_discount', discountBps: 20, days: 30 } })]),
    );

    const record = await h.settled(id, m.id);
    expect(record).toMatchObject({ state: 'skipped', skipReason: 'suppressed_fix_first' });
    expect(smsTo(m.phone)).toHaveLength(0);
    const [request] = await outbox('FixFirstRequested', record.id);
    expect(JSON.parse(request.value).payload).toMatchObject({
      campaignId: id,
      category: 'card_read_failure',
      openTicketIds: [`TK-${m.id}`],
    });
  });

  it('should skip a suspended merchant', async () => {
    const m = await h.activeMerchant();
    await h
      .registryHttp()
      .post(`/v1/merchants/${m.id}/status`)
      .set({ Authorization: `Bearer ${KEYS.ops}` })
      .send({ to: 'suspended', reasonCodes: ['compliance_hold'] })
      .expect(200);
    await h.waitForContext(m.id, (c) => expect(c.status).toBe('suspended'));
    const id = campaign('suspended');
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step()]));
    expect(await h.settled(id, m.id)).toMatchObject({ state: 'skipped', skipReason: 'merchant_suspended' });
    expect(smsTo(m.phone)).toHaveLength(0);
  });

  it('should send when the registry says active while the projection still shows an onboarding step', async () => {
    // The campaigns consumer behind the registry: its projection has not yet seen the activation.
    const m = await h.activeMerchant();
    await h.waitForContext(m.id, (c) => expect(c.status).toBe('active'));
    await adminQuery(
      `UPDATE "${h.schema.schema}".merchant_profiles SET status = 'under_review' WHERE merchant_id = $1`,
      [m.id],
    );
    await h.waitForContext(m.id, (c) => expect(c.status).toBe('under_review'));
    const id = campaign('lagging');
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step()]));
    expect(await h.settled(id, m.id)).toMatchObject({ state: 'delivered', channel: 'sms' });
    expect(smsTo(m.phone)).toHaveLength(1);
  });

  it('should never contact a holdout merchant', async () => {
    const m = await h.activeMerchant();
    const id = campaign('holdout');
    await scheduler().schedule(enrolment(h.clock, id, m.id, [], { arm: 'holdout' }));
    await expect(
      scheduler().schedule(enrolment(h.clock, id, m.id, [step()], { arm: 'holdout' })),
    ).rejects.toThrow(HoldoutContactError);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await h.records().find(id, m.id, 0)).toBeNull();
    expect(
      await scheduler()
        .queue('sms')
        .getJob(jobIdOf(sendIdOf(id, m.id, 0), 0)),
    ).toBeUndefined();
    expect(smsTo(m.phone)).toHaveLength(0);
  });

  it('should send fee-change notices as service messages with the cost comparison on the merchant own mix', async () => {
    const m = await h.activeMerchant({
      consents: [
        { channel: 'email', purpose: 'service', granted: true },
        { channel: 'sms', purpose: 'service', granted: true },
      ],
    });
    await h.publish('MerchantDailyActivity', m.id, {
      date: '2026-03-01',
      timezone: 'Asia/Shanghai',
      approvedAmountMinor: 2_000_000,
      byChannel: {
        credit: { count: 10, amountMinor: 1_000_000, feeMinor: 6_000 },
        debit: { count: 0, amountMinor: 0, feeMinor: 0 },
        qr_alipay: { count: 0, amountMinor: 0, feeMinor: 0 },
        qr_wechat: { count: 10, amountMinor: 1_000_000, feeMinor: 3_800 },
        unionpay_qr: { count: 0, amountMinor: 0, feeMinor: 0 },
      },
      feeMinor: 9_800,
    });
    const context = await h.waitForContext(m.id, (c) => expect(c.trailingVolumeMinor).toBe(2_000_000));
    const comparison = monthlyFeeComparison(context, STANDARD_FEE_RATES, {
      ...STANDARD_FEE_RATES,
      creditBps: 65,
    });
    expect(comparison).toMatchObject({ oldMonthlyFeeYuan: '98.00', newMonthlyFeeYuan: '103.00' });
    // Marketing consent is absent and the cap does not apply: notices are service messages.
    const id = campaign('fee-notice');
    await scheduler().schedule(
      enrolment(
        h.clock,
        id,
        m.id,
        [
          step({
            channel: 'email',
            fallbackChannels: ['sms'],
            purpose: 'service',
            templateId: 'fee-change-notice',
            onlyIfNotReactivated: false,
          }),
        ],
        {
          variables: {
            ...comparison,
            effectiveFrom: '2026-04-01',
            changeReason: '卡组织成本上调',
            compensation: '首月手续费全免。',
          },
        },
      ),
    );
    expect(await h.settled(id, m.id)).toMatchObject({
      state: 'delivered',
      channel: 'email',
      purpose: 'service',
    });
    const [mail] = mailTo(m.email);
    expect(mail.subject).toBe('费率调整通知：自2026-04-01起生效');
    expect(mail.text).toContain('调整前：约98.00元/月');
    expect(mail.text).toContain('调整后：约103.00元/月');
    expect(mail.text).toContain('首月手续费全免。');
  });

  it('should apply an accepted offer as a registry promotion once, which then expires by itself', async () => {
    const m = await h.activeMerchant();
    const id = campaign('offer');
    await scheduler().schedule(
      enrolment(h.clock, id, m.id, [step({ offer: { kind: 'fee_discount', discountBps: 15, days: 30 } })]),
    );
    const record = await h.settled(id, m.id);
    const admin = { Authorization: `Bearer ${OUTREACH_KEYS.admin}` };
    const first = await h
      .campaignsHttp()
      .post(`/v1/outreach-sends/${record.id}/offer-acceptance`)
      .set(admin)
      .expect(200);
    const again = await h
      .campaignsHttp()
      .post(`/v1/outreach-sends/${record.id}/offer-acceptance`)
      .set(admin)
      .expect(200);
    expect(first.body).toMatchObject({ state: 'applied', source: 'api' });
    expect(again.body.promotionId).toBe(first.body.promotionId);

    const ops = { Authorization: `Bearer ${KEYS.ops}` };
    const history = await h.registryHttp().get(`/v1/merchants/${m.id}/fee-plans`).set(ops).expect(200);
    expect(history.body.promotions).toHaveLength(1);
    expect(history.body.promotions[0]).toMatchObject({
      promotionId: first.body.promotionId,
      bpsOff: 15,
      grantedBy: 'reactivation-campaigns',
    });
    const current = await h
      .registryHttp()
      .get(`/v1/merchants/${m.id}/fee-plans/current`)
      .set(ops)
      .expect(200);
    expect(current.body.promotion).toMatchObject({ promotionId: first.body.promotionId, bpsOff: 15 });
    expect(current.body.chargedTerms.rates.credit).toBe(60 - 15);

    h.registry.clock.advance(31 * DAY);
    await h.registry.app.get(FeePlanScheduler).tick();
    const after = await h.registryHttp().get(`/v1/merchants/${m.id}/fee-plans/current`).set(ops).expect(200);
    expect(after.body.promotion).toBeNull();
    const audit = await h.registryHttp().get(`/v1/merchants/${m.id}/fee-plans`).set(ops).expect(200);
    expect(audit.body.audit.map((a: { action: string }) => a.action)).toContain('promotion_expired');
    h.registry.clock.set('2026-03-01T02:00:00.000Z');
  });

  it('should queue a phone task, let one agent claim it, and apply the offer the merchant accepted on the call', async () => {
    const m = await h.activeMerchant();
    const id = campaign('phone');
    await scheduler().schedule(
      enrolment(h.clock, id, m.id, [step({ channel: 'phone_task', offer: { kind: 'month_waived' } })]),
    );
    expect(await h.settled(id, m.id)).toMatchObject({ state: 'sent', channel: 'phone_task' });
    const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
    const queue = await h.campaignsHttp().get('/v1/phone-tasks').set(agent).expect(200);
    const task = queue.body.items.find((t: { merchantId: string }) => t.merchantId === m.id);
    expect(task.script).toContain('免收一个月手续费');
    const claimed = await h.campaignsHttp().post(`/v1/phone-tasks/${task.id}/claim`).set(agent).expect(200);
    expect(claimed.body.phone).toBe(m.phone);
    expect(claimed.body.merchant).toMatchObject({ merchantId: m.id, status: 'active' });
    await h
      .campaignsHttp()
      .post(`/v1/phone-tasks/${task.id}/outcome`)
      .set(agent)
      .send({ outcome: 'maybe' })
      .expect(400);
    const done = await h
      .campaignsHttp()
      .post(`/v1/phone-tasks/${task.id}/outcome`)
      .set(agent)
      .send({ outcome: 'accepted_offer', note: '同意' })
      .expect(200);
    expect(done.body).toMatchObject({ state: 'done', outcome: 'accepted_offer' });
    expect((await h.records().find(id, m.id, 0))?.state).toBe('delivered');
    const history = await h
      .registryHttp()
      .get(`/v1/merchants/${m.id}/fee-plans`)
      .set({ Authorization: `Bearer ${KEYS.ops}` })
      .expect(200);
    expect(history.body.promotions).toMatchObject([{ bpsOff: 10_000 }]);
  });

  it('should withdraw consent in the registry when the merchant asks not to be contacted', async () => {
    const m = await h.activeMerchant();
    const id = campaign('dnc');
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step({ channel: 'phone_task' })]));
    await h.settled(id, m.id);
    const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
    const task = (await h.campaignsHttp().get('/v1/phone-tasks').set(agent).expect(200)).body.items.find(
      (t: { merchantId: string }) => t.merchantId === m.id,
    );
    await h
      .campaignsHttp()
      .post(`/v1/phone-tasks/${task.id}/outcome`)
      .set(agent)
      .send({ outcome: 'declined' })
      .expect(409);
    await h.campaignsHttp().post(`/v1/phone-tasks/${task.id}/claim`).set(agent).expect(200);
    await h
      .campaignsHttp()
      .post(`/v1/phone-tasks/${task.id}/outcome`)
      .set(agent)
      .send({ outcome: 'do_not_contact' })
      .expect(200);
    const consent = await h
      .registryHttp()
      .get(`/v1/merchants/${m.id}/consents`)
      .set({ Authorization: `Bearer ${KEYS.ops}` })
      .expect(200);
    expect(consent.body.current).toMatchObject({
      sms: { marketing: false },
      email: { marketing: false },
      phone: { marketing: false },
    });
  });

  it('should send nothing twice when the service stops mid-dispatch and starts again', async () => {
    const merchants = [];
    for (let i = 0; i < 24; i++) merchants.push(await h.activeMerchant());
    await h.stopCampaigns();
    await h.boot({ OUTREACH_SMS_PER_SECOND: '2' });
    const id = campaign('restart');
    const sendIds = new Set(merchants.map((m) => sendIdOf(id, m.id, 0)));
    const received = () => h.sms.received.filter((s) => sendIds.has(s.reference));
    const notice = step({ purpose: 'service', templateId: 'fee-change-notice' });
    for (const m of merchants) await scheduler().schedule(enrolment(h.clock, id, m.id, [notice]));
    await expectEventually(() => expect(received().length).toBeGreaterThanOrEqual(2));
    await h.stopCampaigns(); // mid-batch: the workers finish the jobs in hand and stop
    const beforeRestart = received().length;
    expect(beforeRestart).toBeLessThan(merchants.length);
    await h.boot();
    // Enrolment replays (e.g. a redelivered event) re-add the same deterministic jobs.
    for (const m of merchants) await scheduler().schedule(enrolment(h.clock, id, m.id, [notice]));
    for (const m of merchants) expect(await h.settled(id, m.id)).toMatchObject({ state: 'delivered' });
    expect(received()).toHaveLength(merchants.length);
    expect(new Set(received().map((s) => s.reference)).size).toBe(merchants.length);

    // A crash between hand-over and acknowledgement leaves the record in `sending`: it is not re-sent.
    const crashed = merchants[0];
    const crashCampaign = campaign('crash');
    await h.stopCampaigns();
    await h.boot({ RUN_OUTREACH_WORKERS: 'false' });
    await scheduler().schedule(enrolment(h.clock, crashCampaign, crashed.id, [step({ purpose: 'service' })]));
    const sendId = sendIdOf(crashCampaign, crashed.id, 0);
    await adminQuery(
      `UPDATE "${h.schema.schema}".outreach_send SET state = 'sending', channel = 'sms' WHERE id = $1`,
      [sendId],
    );
    await h.stopCampaigns();
    await h.boot();
    const closed = await h.settled(crashCampaign, crashed.id);
    expect(closed).toMatchObject({ state: 'failed', failureReason: 'provider_error' });
    expect(closed.detail).toContain('interrupted');
    expect(smsTo(crashed.phone).filter((s) => s.reference === sendId)).toHaveLength(0);
  });

  it('should aggregate the funnel of a campaign from its send records', async () => {
    const ok = await h.activeMerchant();
    const none = await h.activeMerchant({ consents: [] });
    const id = campaign('funnel');
    await scheduler().schedule(enrolment(h.clock, id, ok.id, [step()]));
    await scheduler().schedule(enrolment(h.clock, id, none.id, [step()]));
    await h.settled(id, ok.id);
    await h.settled(id, none.id);
    await scheduler().cancel(id, ok.id, 'reactivated');
    expect(await scheduler().funnel(id)).toEqual({
      contacted: 1,
      delivered: 1,
      failed: 0,
      skippedByReason: { no_consent: 1 },
      sendsByChannel: { sms: 1 },
      offersAccepted: 0,
      offerCostMinor: 0,
    });
    const metrics = await h.campaignsHttp().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/pulse_outreach_total\{channel="sms",outcome="delivered"\} \d+/);
    expect(metrics.text).toMatch(/pulse_outreach_skipped_total\{reason="no_consent"\} \d+/);
  });
});
