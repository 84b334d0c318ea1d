import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@merchant-pulse/clock';
import { AnyEvent, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { activity, bootApp, degraded, fixFirst, KEYS, recovered } from './tickets.fixtures';

jest.setTimeout(120_000);

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  Buffer.alloc(64, 1),
]);

describe(AppModule.name, () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let clock: SettableClock;
  let storageDir: string;
  let producer: EventProducer;

  const http = () => request(app.getHttpServer());
  const as = (key: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[key].secret}` });
  const send = (events: AnyEvent[], topic: string) =>
    producer.send(events.map((e) => ({ topic, key: e.merchantId, value: Buffer.from(JSON.stringify(e)) })));
  const ticketsOf = async (merchantId: string) =>
    (await http().get(`/v1/tickets?merchantId=${merchantId}`).set(as('reader')).expect(200)).body;
  const details = async (id: string) =>
    (await http().get(`/v1/tickets/${id}`).set(as('reader')).expect(200)).body;
  const outbox = (type: string) =>
    adminQuery<{ value: string }>(
      `SELECT value FROM "${schema.schema}".outbox WHERE event_type = $1 ORDER BY seq`,
      [type],
    ).then((rows) => rows.map((r) => JSON.parse(r.value)));

  beforeAll(async () => {
    schema = await createTestSchema('tickets');
    topics = await createTestTopics('tickets', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'tickets-test' }),
      new TopicNamer(topics.prefix),
    );
    ({ app, clock, storageDir } = await bootApp(schema.schema, topics.prefix, '2026-04-10T02:00:00.000Z'));
    await http()
      .put('/v1/agents/agent-1')
      .set(as('admin'))
      .send({ id: 'agent-1', teamId: 'device-l1', name: 'Li Wei', capacity: 5 })
      .expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should open one proactive ticket for a degraded terminal and update it, not duplicate it, on a second degradation', async () => {
    await send([degraded('M-pro', 'T-pro', '2026-04-10T02:00:00.000Z')], Topics.TerminalHealth);
    const [ticket] = await expectEventually(async () => {
      const list = await ticketsOf('M-pro');
      expect(list).toHaveLength(1);
      return list;
    });
    expect(ticket).toMatchObject({
      terminalId: 'T-pro',
      category: 'card_read_failure',
      channel: 'proactive',
      source: 'terminal_health',
      priority: 'high',
      nextStep: 'remote_diagnosis',
      teamId: 'device-l1',
      assigneeId: 'agent-1',
      status: 'assigned',
    });

    await send(
      [degraded('M-pro', 'T-pro', '2026-04-10T02:20:00.000Z', 'card_read_failures', 0.6)],
      Topics.TerminalHealth,
    );
    const after = await expectEventually(async () => {
      const d = await details(ticket.id);
      expect(d.evidence).toHaveLength(2);
      return d;
    });
    expect(await ticketsOf('M-pro')).toHaveLength(1);
    expect(after.evidence.map((e: { payload: { rate: number } }) => e.payload.rate)).toEqual([0.35, 0.6]);
    expect(after.terminalHealth).toHaveLength(2);
    expect((await outbox('TicketOpened')).filter((e) => e.payload.ticketId === ticket.id)).toHaveLength(1);
    const updates = (await outbox('TicketUpdated')).filter((e) => e.payload.ticketId === ticket.id);
    expect(updates.map((e) => e.payload.field)).toContain('evidence');
    const history = (await http().get(`/v1/tickets/${ticket.id}/history`).set(as('reader')).expect(200)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['opened', 'evidence_added', 'updated']),
    );
  });

  it('should take the fix-first hand-over of a campaign as one campaign ticket per degraded terminal, once', async () => {
    const request = fixFirst('M-ff', 'T-ff', '2026-04-10T03:00:00.000Z');
    // Delivered twice: the redelivery is deduplicated by the inbox.
    await send([request, request], Topics.CampaignOutreach);
    const [ticket] = await expectEventually(async () => {
      const list = await ticketsOf('M-ff');
      expect(list).toHaveLength(1);
      return list;
    });
    expect(ticket).toMatchObject({
      terminalId: 'T-ff',
      category: 'card_read_failure',
      channel: 'campaign',
      source: 'campaign',
      nextStep: 'remote_diagnosis',
    });
    expect(['high', 'urgent']).toContain(ticket.priority);
    // A second request for the same terminal while its ticket is open opens nothing new.
    await send([fixFirst('M-ff', 'T-ff', '2026-04-10T03:30:00.000Z', 'FF-second')], Topics.CampaignOutreach);
    await send([degraded('M-ff-probe', 'T-ff-probe', '2026-04-10T03:31:00.000Z')], Topics.TerminalHealth);
    await expectEventually(async () => expect(await ticketsOf('M-ff-probe')).toHaveLength(1));
    await expectEventually(async () => {
      const inbox = await adminQuery<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema.schema}".inbox WHERE consumer = 'after-sales-tickets.fix-first'`,
      );
      expect(Number(inbox[0].n)).toBe(2);
    });
    expect(await ticketsOf('M-ff')).toHaveLength(1);
  });

  it('should resolve a device ticket only from the terminal transacting again, and show how it was verified', async () => {
    await send([degraded('M-ver', 'T-ver', '2026-04-10T02:00:00.000Z')], Topics.TerminalHealth);
    const [ticket] = await expectEventually(async () => {
      const list = await ticketsOf('M-ver');
      expect(list).toHaveLength(1);
      return list;
    });
    const refused = await http()
      .post(`/v1/tickets/${ticket.id}/status`)
      .set(as('agent'))
      .send({ to: 'resolved', resolution: 'looks fine' })
      .expect(422);
    expect(refused.body.code).toBe('verification_required');

    clock.set('2026-04-10T03:00:00.000Z');
    await http()
      .patch(`/v1/tickets/${ticket.id}`)
      .set(as('agent'))
      .send({ fixApplied: true, reason: 'Remote reset of the card reader' })
      .expect(200);
    // A purchase BEFORE the fix verifies nothing; one after it does.
    await send([activity('M-ver', '2026-04-10', '2026-04-10T02:50:00.000Z')], Topics.MerchantActivity);
    await send([activity('M-sentinel', '2026-04-10', '2026-04-10T02:50:00.000Z')], Topics.MerchantActivity);
    await expectEventually(async () => {
      const [row] = await adminQuery(
        `SELECT count(*)::int AS n FROM "${schema.schema}".merchant_activity_projection WHERE merchant_id = 'M-sentinel'`,
      );
      expect(row.n).toBe(1);
    });
    expect((await details(ticket.id)).ticket.status).not.toBe('resolved');

    await send([activity('M-ver', '2026-04-10', '2026-04-10T03:10:00.000Z')], Topics.MerchantActivity);
    const resolved = await expectEventually(async () => {
      const d = await details(ticket.id);
      expect(d.ticket.status).toBe('resolved');
      return d;
    });
    expect(resolved.ticket.verifiedBy).toBe('transaction');
    expect(resolved.resolutionNote).toBe('resolved, verified by transaction at 2026-04-10T03:10:00.000Z');
    expect(resolved.recentActivity[0]).toMatchObject({ date: '2026-04-10', approvedCount: 3 });
    const [changed] = (await outbox('TicketStatusChanged')).filter(
      (e) => e.payload.ticketId === ticket.id && e.payload.to === 'resolved',
    );
    expect(changed.payload).toMatchObject({
      verifiedBy: 'transaction',
      verifiedAt: '2026-04-10T03:10:00.000Z',
    });

    // TerminalHealthRecovered (terminal-specific) verifies another terminal's ticket without any fix declared.
    await send([degraded('M-rec', 'T-rec', '2026-04-10T03:00:00.000Z')], Topics.TerminalHealth);
    const [other] = await expectEventually(async () => {
      const list = await ticketsOf('M-rec');
      expect(list).toHaveLength(1);
      return list;
    });
    await send([recovered('M-rec', 'T-rec', '2026-04-10T04:00:00.000Z')], Topics.TerminalHealth);
    const rec = await expectEventually(async () => {
      const d = await details(other.id);
      expect(d.ticket.status).toBe('resolved');
      return d;
    });
    expect(rec.ticket.verifiedBy).toBe('terminal_recovered');
  });

  it('should keep the ticket open when a field visit fails, and accept a done visit as the fix', async () => {
    const ticket = (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({
          merchantId: 'M-fv',
          terminalId: 'T-fv',
          category: 'device_fault',
          channel: 'phone',
          subject: 'Screen dead',
        })
        .expect(201)
    ).body;
    const visit = (
      await http()
        .post(`/v1/tickets/${ticket.id}/field-visits`)
        .set(as('agent'))
        .send({ address: '1 Nanjing Road, Shanghai' })
        .expect(201)
    ).body;
    const move = (body: object, status = 200) =>
      http().post(`/v1/field-visits/${visit.id}/status`).set(as('agent')).send(body).expect(status);
    expect((await move({ to: 'scheduled' }, 422)).body.code).toBe('schedule_incomplete');
    expect((await move({ to: 'on_site' }, 409)).body.allowedNext).toEqual(['scheduled', 'failed']);
    await move({
      to: 'scheduled',
      engineer: 'eng-7',
      windowStart: '2026-04-11T01:00:00.000Z',
      windowEnd: '2026-04-11T03:00:00.000Z',
    });
    await move({ to: 'en_route' });
    await move({ to: 'on_site' });
    await move({ to: 'failed', outcome: 'Replacement board out of stock', partsUsed: [] });

    const d = await details(ticket.id);
    expect(['open', 'assigned', 'in_progress']).toContain(d.ticket.status);
    expect(d.ticket.nextStep).toBe('field_visit');
    expect(d.ticket.resolvedAt).toBeNull();
    expect(d.fieldVisits[0]).toMatchObject({
      status: 'failed',
      engineer: 'eng-7',
      outcome: 'Replacement board out of stock',
    });
    await move({ to: 'on_site' }, 409);
  });

  it('should accept a survey answer once through the signed link', async () => {
    const ticket = (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({ merchantId: 'M-csat', category: 'fee_question', channel: 'online', subject: 'Why 0.6%?' })
        .expect(201)
    ).body;
    expect(ticket.teamId).toBe('billing-l1');
    await http()
      .post(`/v1/tickets/${ticket.id}/messages`)
      .set(as('agent'))
      .send({ kind: 'reply', body: 'Hello' })
      .expect(201);
    await http()
      .post(`/v1/tickets/${ticket.id}/status`)
      .set(as('agent'))
      .send({ to: 'in_progress' })
      .expect(200);
    await http()
      .post(`/v1/tickets/${ticket.id}/status`)
      .set(as('agent'))
      .send({ to: 'resolved', resolution: 'Explained the credit rate' })
      .expect(200);
    const [requested] = (await outbox('SurveyRequested')).filter((e) => e.payload.ticketId === ticket.id);
    const path: string = requested.payload.surveyPath;
    const link = (await http().get(`/v1/surveys/by-ticket/${ticket.id}`).set(as('admin')).expect(200)).body;
    expect(link).toMatchObject({ surveyPath: path, answeredAt: null });
    await http().get(`/v1/surveys/by-ticket/${ticket.id}`).set(as('agent')).expect(403);

    await http().post(path).send({ score: 9 }).expect(400);
    const forged = path.replace(/.$/, path.endsWith('A') ? 'B' : 'A');
    await http().post(forged).send({ score: 5 }).expect(404);
    await http().post(path).send({ score: 4, comment: 'Clear answer' }).expect(200);
    const again = await http().post(path).send({ score: 1 }).expect(409);
    expect(again.body.code).toBe('survey_already_answered');

    const answered = (await outbox('SurveyAnswered')).filter((e) => e.payload.ticketId === ticket.id);
    expect(answered).toHaveLength(1);
    expect(answered[0].payload).toMatchObject({ score: 4, comment: 'Clear answer' });
    const byCategory = (
      await http().get('/v1/surveys/satisfaction?by=category').set(as('reader')).expect(200)
    ).body;
    expect(byCategory).toContainEqual({ key: 'fee_question', answers: 1, meanScore: 4, satisfiedShare: 1 });
  });

  it('should answer 400 with field messages, 401/403 by scope and 409 on an illegal move', async () => {
    const bad = await http()
      .post('/v1/tickets')
      .set(as('agent'))
      .send({ merchantId: 'M x', category: 'nope' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['merchantId', 'category', 'channel', 'subject']),
    );
    await http().get('/v1/tickets').expect(401);
    await http()
      .post('/v1/tickets')
      .set(as('reader'))
      .send({ merchantId: 'M-1', category: 'other', channel: 'phone', subject: 's' })
      .expect(403);
    await http().put('/v1/teams/x').set(as('agent')).send({}).expect(403);
    const ticket = (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({ merchantId: 'M-409', category: 'other', channel: 'email', subject: 'Question' })
        .expect(201)
    ).body;
    const illegal = await http()
      .post(`/v1/tickets/${ticket.id}/status`)
      .set(as('agent'))
      .send({ to: 'waiting_on_merchant' })
      .expect(409);
    expect(illegal.body).toMatchObject({ currentStatus: 'open', requested: 'waiting_on_merchant' });
    await http().get('/v1/tickets/00000000-0000-0000-0000-000000000000').set(as('reader')).expect(404);
  });

  it('should store attachments encrypted after checking their type by magic bytes', async () => {
    const ticket = (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({
          merchantId: 'M-att',
          category: 'application_kyc',
          channel: 'online',
          subject: 'Licence photo',
        })
        .expect(201)
    ).body;
    await http()
      .post(`/v1/tickets/${ticket.id}/attachments`)
      .set(as('agent'))
      .set('Content-Type', 'image/png')
      .send(Buffer.from('%PDF-1.4 not a png at all'))
      .expect(415);
    const stored = (
      await http()
        .post(`/v1/tickets/${ticket.id}/attachments`)
        .set(as('agent'))
        .set('Content-Type', 'image/png')
        .set('X-Filename', 'licence.png')
        .send(PNG)
        .expect(201)
    ).body;
    expect(stored).toMatchObject({ filename: 'licence.png', mediaType: 'image/png', sizeBytes: PNG.length });
    const files = walk(storageDir);
    expect(files).toHaveLength(1);
    const atRest = readFileSync(files[0]);
    expect(atRest.subarray(0, 4).toString()).toBe('PMD1');
    expect(atRest.includes(PNG.subarray(0, 16))).toBe(false);
    const back = await http()
      .get(`/v1/tickets/${ticket.id}/attachments/${stored.id}`)
      .set(as('reader'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(back.body as Buffer, PNG)).toBe(0);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
