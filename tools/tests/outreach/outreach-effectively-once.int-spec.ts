import { OutreachMetrics } from '../../../apps/reactivation-campaigns/src/outreach/outreach.metrics';
import { BullMqOutreachScheduler } from '../../../apps/reactivation-campaigns/src/outreach/bullmq-outreach.scheduler';
import { expectEventually } from '@merchant-pulse/testing';
import { enrolment, OUTREACH_KEYS, OutreachHarness, step } from './outreach.harness';

jest.setTimeout(180_000);

/**
 * Issue 11, follow-up: effectively-once outreach across provider timeouts (a gateway that accepts and
 * then times out), quiet hours from the registry, and no-answer phone tasks re-queued.
 */
describe('outreach effectively once, quiet hours and no-answer re-queue (registry + campaigns, real infra)', () => {
  const h = new OutreachHarness();
  const scheduler = () => h.campaigns.get(BullMqOutreachScheduler);
  let campaignSeq = 0;
  const campaign = (label: string) => `CMP-${label}-${process.pid}-${++campaignSeq}`;
  const smsTo = (phone: string) => h.sms.received.filter((m) => m.to === phone);
  const suspected = async (resolution: string) =>
    (await h.campaigns.get(OutreachMetrics).suspectedDuplicates.get()).values
      .filter((v) => v.labels.channel === 'sms' && v.labels.resolution === resolution)
      .reduce((sum, v) => sum + v.value, 0);

  beforeAll(async () => {
    await h.start({
      SMS_GATEWAY_TIMEOUT_MS: '400',
      OUTREACH_BACKOFF_MS: '200',
      PHONE_NO_ANSWER_MAX_ATTEMPTS: '2',
      PHONE_NO_ANSWER_RETRY_MINUTES: '60',
    });
  });
  afterAll(async () => h.close());

  beforeEach(() => {
    h.clock.set('2026-03-02T02:00:00.000Z');
    h.sms.statusFor = () => 200;
    h.sms.acceptThenStallMs = () => 0;
    h.sms.honourIdempotencyKey = true;
  });

  it('should deliver exactly one SMS when the gateway accepts and then times out, even if it ignores Idempotency-Key', async () => {
    const m = await h.activeMerchant();
    h.sms.honourIdempotencyKey = false; // only the lookup by reference stands between a retry and a duplicate
    h.sms.acceptThenStallMs = (to) => (to === m.phone ? 1500 : 0);
    const avoidedBefore = await suspected('avoided');
    const id = campaign('timeout');
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step()]));

    const record = await h.settled(id, m.id);
    expect(record).toMatchObject({ state: 'delivered', channel: 'sms', attempts: 1 });
    expect(record.providerMessageId).toMatch(/^sms-\d+$/);
    await new Promise((r) => setTimeout(r, 1500)); // any (wrong) retry would have landed by now
    expect(smsTo(m.phone).filter((s) => s.status === 200)).toHaveLength(1);
    expect(await suspected('avoided')).toBe(avoidedBefore + 1);
  });

  it('should hold a send in the merchant own quiet hours from the registry (its timezone) and send it when they end', async () => {
    const m = await h.activeMerchant({ quietHours: { start: '12:00', end: '14:30' } });
    const id = campaign('quiet');
    h.clock.set('2026-03-02T04:10:00.000Z'); // 12:10 in Shanghai: business hours, no peak, but quiet
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step()]));
    const held = await h.settled(id, m.id);
    expect(held).toMatchObject({ state: 'held', heldUntil: new Date('2026-03-02T06:30:00.000Z') });
    expect(smsTo(m.phone)).toHaveLength(0);

    h.clock.set('2026-03-02T06:30:05.000Z');
    expect(await scheduler().promoteDue()).toBeGreaterThanOrEqual(1);
    await expectEventually(async () =>
      expect((await h.records().findById(held.id))?.state).toBe('delivered'),
    );
    expect(smsTo(m.phone)).toHaveLength(1);
  });

  it('should re-queue an unanswered phone task after the delay, then close it as unreachable and fall back to SMS', async () => {
    const m = await h.activeMerchant();
    const id = campaign('no-answer');
    const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
    const call = async (taskId: string) => {
      await h.campaignsHttp().post(`/v1/phone-tasks/${taskId}/claim`).set(agent).expect(200);
      return h
        .campaignsHttp()
        .post(`/v1/phone-tasks/${taskId}/outcome`)
        .set(agent)
        .send({ outcome: 'no_answer' })
        .expect(200);
    };
    const listed = async () =>
      (await h.campaignsHttp().get('/v1/phone-tasks?limit=200').set(agent).expect(200)).body.items.find(
        (t: { merchantId: string }) => t.merchantId === m.id,
      );
    await scheduler().schedule(
      enrolment(h.clock, id, m.id, [step({ channel: 'phone_task', fallbackChannels: ['sms'] })]),
    );
    expect(await h.settled(id, m.id)).toMatchObject({ state: 'sent', channel: 'phone_task' });
    const task = await listed();

    const first = await call(task.id);
    expect(first.body).toMatchObject({ state: 'open', outcome: 'no_answer', callAttempts: 2 });
    expect(new Date(first.body.availableAt)).toEqual(new Date('2026-03-02T03:00:00.000Z')); // 11:00 local
    expect(await listed()).toBeUndefined(); // not before the delay
    expect((await h.records().find(id, m.id, 0))?.state).toBe('sent');

    h.clock.set('2026-03-02T03:00:05.000Z');
    expect((await listed())?.id).toBe(task.id);
    const last = await call(task.id);
    expect(last.body).toMatchObject({ state: 'done', outcome: 'no_answer', callAttempts: 2 });
    await expectEventually(async () =>
      expect(await h.records().find(id, m.id, 0)).toMatchObject({ state: 'delivered', channel: 'sms' }),
    );
    expect(smsTo(m.phone)).toHaveLength(1);
  });

  it('should close an unanswered phone task as unreachable when the step has no other channel', async () => {
    const m = await h.activeMerchant();
    const id = campaign('unreachable');
    const agent = { Authorization: `Bearer ${OUTREACH_KEYS.agent}` };
    await scheduler().schedule(enrolment(h.clock, id, m.id, [step({ channel: 'phone_task' })]));
    await h.settled(id, m.id);
    const items = (await h.campaignsHttp().get('/v1/phone-tasks?limit=200').set(agent).expect(200)).body
      .items;
    const task = items.find((t: { merchantId: string }) => t.merchantId === m.id);
    for (const at of ['2026-03-02T02:00:00.000Z', '2026-03-02T03:00:05.000Z']) {
      h.clock.set(at);
      await h.campaignsHttp().post(`/v1/phone-tasks/${task.id}/claim`).set(agent).expect(200);
      await h
        .campaignsHttp()
        .post(`/v1/phone-tasks/${task.id}/outcome`)
        .set(agent)
        .send({ outcome: 'no_answer' })
        .expect(200);
    }
    expect(await h.records().find(id, m.id, 0)).toMatchObject({
      state: 'failed',
      failureReason: 'unreachable',
      detail: 'unreachable: no answer after 2 call(s)',
    });
  });
});
