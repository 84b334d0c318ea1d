import { INestApplication } from '@nestjs/common';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { bootApp, KEYS } from './tickets.fixtures';

jest.setTimeout(120_000);

// End to end through the ticket lifecycle: its HTTP API opens the ticket, the SLA engine's timer breaches
// on the settable clock, and the lifecycle's TicketEscalation moves it to the second line.
describe('SLA breach escalation through the ticket lifecycle', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication | undefined;
  const as = (key: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[key].secret}` });
  const http = () => request(app!.getHttpServer());

  beforeAll(async () => {
    schema = await createTestSchema('sla_e2e');
    topics = await createTestTopics('sla_e2e', 1);
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
    await topics?.drop();
  });

  it('should escalate a ticket once to the next-level team when its first response breaches after a restart', async () => {
    // Mon 2026-11-16 09:00 Shanghai.
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-11-16T01:00:00.000Z'));
    const ticket = (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({ merchantId: 'M-sla', category: 'fee_question', channel: 'online', subject: 'Why 0.6%?' })
        .expect(201)
    ).body;
    expect(ticket.teamId).toBe('billing-l1');
    const sla = (await http().get(`/v1/tickets/${ticket.id}/sla`).set(as('reader')).expect(200)).body;
    expect(sla).toMatchObject({ policyId: 'standard', priority: 'normal', calendarId: 'cn-business-hours' });
    const firstResponse = sla.clocks.find((c: { kind: string }) => c.kind === 'first_response');
    // 4 business hours after opening (the settable clock has run a moment since 09:00): 13:00 Shanghai.
    expect(Date.parse(firstResponse.dueAt)).toBeGreaterThanOrEqual(Date.parse('2026-11-16T05:00:00.000Z'));
    expect(Date.parse(firstResponse.dueAt)).toBeLessThan(Date.parse('2026-11-16T05:01:00.000Z'));

    // Stop, move past the due time, start again: the breach fires once and the lifecycle escalates.
    await app.close();
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-11-16T05:10:00.000Z'));
    const escalated = await expectEventually(
      async () => {
        // GET /v1/tickets/{id} answers the ticket with its details: { ticket, messages, … }.
        const t = (await http().get(`/v1/tickets/${ticket.id}`).set(as('reader')).expect(200)).body.ticket;
        expect(t.teamId).toBe('billing-l2');
        return t;
      },
      { timeoutMs: 15_000 },
    );
    expect(escalated.priority).toBe('high');
    const after = (await http().get(`/v1/tickets/${ticket.id}/sla`).set(as('reader')).expect(200)).body;
    expect(after.priority).toBe('high');
    expect(after.clocks.find((c: { kind: string }) => c.kind === 'first_response')).toMatchObject({
      warned: true,
      breached: true,
      level: 1,
    });
    const history = (await http().get(`/v1/tickets/${ticket.id}/history`).set(as('reader')).expect(200)).body;
    const bySla = history.filter(
      (h: { actor: string; field: string }) => h.actor === 'sla' && h.field === 'teamId',
    );
    expect(bySla).toHaveLength(1);
  });
});
