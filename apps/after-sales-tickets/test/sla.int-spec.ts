import { INestApplication } from '@nestjs/common';
import { EventOf, Topics } from '@merchant-pulse/contracts';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  readTopic,
  testKafka,
  TestSchema,
  TestTopics,
  topicMessageCount,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { SlaTracker } from '../src/sla/sla-tracker';
import { bootSlaApp, noFacts, RecordingEscalation, SECRET, slaTicket } from './sla.fixtures';

jest.setTimeout(180_000);

describe('SLA engine (after-sales-tickets)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication | undefined;
  const escalation = new RecordingEscalation();

  const boot = async (clockStart: string) => {
    await app?.close();
    const booted = await bootSlaApp(schema.schema, topics.prefix, clockStart, escalation);
    app = booted.app;
    return booted;
  };
  const sla = async (ticketId: string) =>
    (
      await request(app!.getHttpServer())
        .get(`/v1/tickets/${ticketId}/sla`)
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200)
    ).body;
  const clockOf = async (ticketId: string, kind: string) =>
    (await sla(ticketId)).clocks.find((c: { kind: string }) => c.kind === kind);

  beforeAll(async () => {
    schema = await createTestSchema('sla');
    topics = await createTestTopics('sla', 1);
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
    await topics?.drop();
  });

  it('should count business hours across a weekend and the National Day holiday when a ticket opens', async () => {
    const { tracker } = await boot('2026-09-30T08:00:00.000Z');
    // Wed 2026-09-30 16:00 Shanghai, high priority (standard policy: first response 1 h, resolution 9 h).
    const a = await tracker.opened(
      slaTicket('TK-HOL', '2026-09-30T08:00:00.000Z', { requestedPriority: 'high' }),
      noFacts,
    );
    expect(a).toMatchObject({ policyId: 'standard', priority: 'high' });
    expect(a.firstResponseDueAt.toISOString()).toBe('2026-09-30T09:00:00.000Z');
    // 2 h on Sep 30, Oct 1–7 holiday (with its weekend), 7 h on Thu Oct 8 → 16:00.
    expect(a.resolutionDueAt.toISOString()).toBe('2026-10-08T08:00:00.000Z');
    // Fri 2026-10-09 17:30 + 1 h: Saturday Oct 10 is a make-up working day → Sat 09:30.
    const b = await tracker.opened(
      slaTicket('TK-MAKEUP', '2026-10-09T09:30:00.000Z', { requestedPriority: 'high' }),
      noFacts,
    );
    expect(b.firstResponseDueAt.toISOString()).toBe('2026-10-10T01:30:00.000Z');
    // Fri 2026-11-06 17:30 + 1 h on a normal weekend → Mon 09:30.
    const c = await tracker.opened(
      slaTicket('TK-WKND', '2026-11-06T09:30:00.000Z', { requestedPriority: 'high' }),
      noFacts,
    );
    expect(c.firstResponseDueAt.toISOString()).toBe('2026-11-09T01:30:00.000Z');

    const state = await sla('TK-HOL');
    expect(state).toMatchObject({ policyId: 'standard', priority: 'high', calendarId: 'cn-business-hours' });
    expect(state.rule).toContain('default');
    // The merchant's value tier and churn risk pick the fastest tier automatically.
    const vip = await tracker.opened(
      slaTicket('TK-VIP', '2026-09-30T08:00:00.000Z', { requestedPriority: 'low' }),
      { valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'high' },
    );
    expect(vip).toMatchObject({ policyId: 'priority-24x7', priority: 'urgent' });
    expect(vip.rule).toContain('at-risk high-value');
    expect(vip.firstResponseDueAt.toISOString()).toBe('2026-09-30T08:15:00.000Z');
  });

  it('should pause the clocks while waiting on the merchant and resume with the remaining time', async () => {
    const tracker = app!.get(SlaTracker);
    // Mon 2026-11-02 09:00 Shanghai, normal (first response 4 h, next response 4 h, resolution 27 h).
    await tracker.opened(slaTicket('TK-PAUSE', '2026-11-02T01:00:00.000Z'), noFacts);
    await tracker.statusChanged('TK-PAUSE', 'open', 'in_progress', new Date('2026-11-02T01:30:00.000Z'));
    await tracker.agentReplied('TK-PAUSE', new Date('2026-11-02T02:00:00.000Z'));
    await tracker.statusChanged(
      'TK-PAUSE',
      'in_progress',
      'waiting_on_merchant',
      new Date('2026-11-02T03:00:00.000Z'),
    );
    const paused = await clockOf('TK-PAUSE', 'resolution');
    expect(paused).toMatchObject({ state: 'paused', elapsedSeconds: 7200, dueAt: null });
    expect(await clockOf('TK-PAUSE', 'first_response')).toMatchObject({ state: 'met', elapsedSeconds: 3600 });
    // The merchant answers Tue 09:00: 25 h left → Tue 9 h, Wed 9 h, Thu 7 h → Thu 16:00.
    await tracker.statusChanged(
      'TK-PAUSE',
      'waiting_on_merchant',
      'in_progress',
      new Date('2026-11-03T01:00:00.000Z'),
    );
    const resumed = await clockOf('TK-PAUSE', 'resolution');
    expect(resumed).toMatchObject({ state: 'running', dueAt: '2026-11-05T08:00:00.000Z' });
    expect(await clockOf('TK-PAUSE', 'next_response')).toMatchObject({
      state: 'running',
      dueAt: '2026-11-03T05:00:00.000Z',
    });
    // A raised priority recomputes the due time from the business time already spent (2 h of high's 9 h).
    await tracker.priorityChanged('TK-PAUSE', 'high', new Date('2026-11-03T01:00:00.000Z'));
    expect(await clockOf('TK-PAUSE', 'resolution')).toMatchObject({ dueAt: '2026-11-03T08:00:00.000Z' });
  });

  it('should fire the warning, the breach and the escalation once each across restarts and clock moves', async () => {
    // Mon 2026-11-16 09:00 Shanghai; urgent: first response 30 min (warning at 22.5 min), level 2 after 60 min.
    let { tracker } = await boot('2026-11-16T01:00:00.000Z');
    await tracker.opened(
      slaTicket('TK-ESC', '2026-11-16T01:00:00.000Z', { requestedPriority: 'urgent' }),
      noFacts,
    );
    expect(escalation.of('TK-ESC')).toEqual([]);
    // Stop the app, move the clock past the warning and the breach, start again: the sweep recovers both.
    ({ tracker } = await boot('2026-11-16T01:40:00.000Z'));
    await expectEventually(() => expect(escalation.of('TK-ESC').length).toBe(1), { timeoutMs: 15_000 });
    expect(escalation.of('TK-ESC')[0]).toMatchObject({
      kind: 'first_response',
      level: 1,
      dueAt: new Date('2026-11-16T01:30:00.000Z'),
    });
    const fr = await clockOf('TK-ESC', 'first_response');
    expect(fr).toMatchObject({ warned: true, breached: true, level: 1, dueAt: '2026-11-16T02:00:00.000Z' });

    // Restart once more: nothing fires twice.
    await boot('2026-11-16T01:45:00.000Z');
    await new Promise((r) => setTimeout(r, 1500));
    expect(escalation.of('TK-ESC').length).toBe(1);

    // Move the running clock past level 2 with PUT /v1/clock: the next level fires promptly.
    const moved = Date.now();
    await request(app!.getHttpServer())
      .put('/v1/clock')
      .set('Authorization', `Bearer ${SECRET}`)
      .send({ now: '2026-11-16T02:00:30.000Z' })
      .expect(200);
    await expectEventually(() => expect(escalation.of('TK-ESC').map((c) => c.level)).toEqual([1, 2]), {
      timeoutMs: 10_000,
    });
    expect(Date.now() - moved).toBeLessThan(3_000);

    const rows = await adminQuery<{ level: number; escalated: boolean }>(
      `SELECT level, escalated_at IS NOT NULL AS escalated FROM "${schema.schema}".sla_breaches WHERE ticket_id = 'TK-ESC' ORDER BY level`,
    );
    expect(rows).toEqual([
      { level: 1, escalated: true },
      { level: 2, escalated: true },
    ]);
    // Events through the outbox: one warning and one breach per level on support.tickets.v1.
    const kafka = testKafka('sla-test');
    const topic = `${topics.prefix}${Topics.SupportTickets}`;
    const total = await expectEventually(async () => {
      const [pending] = await adminQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema.schema}".outbox WHERE published_at IS NULL`,
      );
      expect(pending.n).toBe(0);
      return topicMessageCount(kafka, topic);
    });
    const events = (await readTopic(kafka, topic, { count: total, timeoutMs: 10_000 }))
      .map(
        (m) => JSON.parse(m.value!.toString()) as EventOf<'TicketSlaBreached'> | EventOf<'TicketSlaWarned'>,
      )
      .filter((e) => e.payload.ticketId === 'TK-ESC' && e.payload.sla === 'first_response');
    expect(events.map((e) => [e.type, 'level' in e.payload ? e.payload.level : null])).toEqual([
      ['TicketSlaWarned', null],
      ['TicketSlaBreached', 1],
      ['TicketSlaBreached', 2],
    ]);
    expect(events[0].merchantId).toBe('M-TK-ESC');

    // The report counts the breaches by kind and team.
    const report = await request(app!.getHttpServer())
      .get('/v1/sla/reports?from=2026-11-16T00:00:00.000Z&to=2026-11-17T00:00:00.000Z')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    const summary = await request(app!.getHttpServer())
      .get('/v1/sla/summary')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(200);
    expect(summary.body.tickets).toBeGreaterThanOrEqual(6);
    expect(summary.body.kinds.find((k: { kind: string }) => k.kind === 'first_response')).toMatchObject({
      attainmentPct: expect.any(Number),
      medianBusinessHours: expect.any(Number),
    });
    expect(report.body.breaches).toEqual(
      expect.arrayContaining([{ kind: 'first_response', teamId: 'team-general', tickets: 1, breaches: 2 }]),
    );
  });

  it('should refuse an invalid calendar with field messages and apply a new one to a team', async () => {
    const put = (path: string, body: object) =>
      request(app!.getHttpServer()).put(path).set('Authorization', `Bearer ${SECRET}`).send(body);
    const bad = await put('/v1/sla/calendars/night-shift', {
      name: 'Night',
      timezone: 'Mars/Olympus',
      mode: 'business_hours',
      weeklyHours: { mon: [{ start: '22:00', end: '06:00' }] },
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'timezone',
      'weeklyHours.mon[0]',
    ]);
    await put('/v1/sla/calendars/weekend-desk', {
      name: 'Weekend desk',
      timezone: 'Asia/Shanghai',
      mode: 'business_hours',
      weeklyHours: { sat: [{ start: '10:00', end: '16:00' }], sun: [{ start: '10:00', end: '16:00' }] },
    }).expect(200);
    await put('/v1/sla/team-calendars/team-weekend', { calendarId: 'weekend-desk' }).expect(200);
    await put('/v1/sla/team-calendars/team-weekend', { calendarId: 'nope' }).expect(400);
    const tracker = app!.get(SlaTracker);
    // Mon 2026-11-16 09:00, high (1 h) on a Sat/Sun calendar → Sat 2026-11-21 11:00.
    const a = await tracker.opened(
      slaTicket('TK-WEEKEND', '2026-11-16T01:00:00.000Z', {
        requestedPriority: 'high',
        teamId: 'team-weekend',
      }),
      noFacts,
    );
    expect(a.firstResponseDueAt.toISOString()).toBe('2026-11-21T03:00:00.000Z');
    await request(app!.getHttpServer()).get('/v1/sla/config').expect(401);
  });
});
