import { INestApplication } from '@nestjs/common';
import { createEvent, EVENT_EXAMPLES, EventOf, SlaTier, Topics } from '@merchant-pulse/contracts';
import type { MembershipTier } from '@merchant-pulse/contracts';
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
import request from 'supertest';
import { bootApp, KEYS } from './tickets.fixtures';

jest.setTimeout(120_000);

const OPENED_AT = '2026-04-13T02:00:00.000Z'; // a Monday, 10:00 in Shanghai: business hours

/** A MembershipChanged event (merchant.loyalty.v1). */
function membership(
  merchantId: string,
  from: MembershipTier | undefined,
  to: MembershipTier,
  slaTier: SlaTier,
  changedAt: string,
): EventOf<'MembershipChanged'> {
  const example = EVENT_EXAMPLES.MembershipChanged;
  return createEvent('MembershipChanged', {
    merchantId,
    producer: 'reactivation-campaigns',
    occurredAt: changedAt,
    payload: {
      ...example,
      ...(from ? { from } : {}),
      to,
      privileges: { ...example.privileges, slaTier },
      reason: `test: ${from ?? 'none'} → ${to}`,
      changedAt,
    },
  });
}

describe('VIP membership and the ticket SLA (after-sales-tickets)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;

  const http = () => request(app.getHttpServer());
  const as = (key: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[key].secret}` });
  const send = (events: Array<EventOf<'MembershipChanged'>>) =>
    producer.send(
      events.map((e) => ({
        topic: Topics.MerchantLoyalty,
        key: e.merchantId,
        value: Buffer.from(JSON.stringify(e)),
      })),
    );
  const slaTierOf = async (merchantId: string) =>
    (
      await adminQuery<{ sla_tier: string }>(
        `SELECT sla_tier FROM "${schema.schema}".merchant_membership WHERE merchant_id = $1`,
        [merchantId],
      )
    )[0]?.sla_tier ?? null;
  const open = async (merchantId: string) =>
    (
      await http()
        .post('/v1/tickets')
        .set(as('agent'))
        .send({ merchantId, category: 'operation_question', channel: 'phone', subject: 'How do I refund?' })
        .expect(201)
    ).body;
  const get = async (id: string) =>
    (await http().get(`/v1/tickets/${id}`).set(as('reader')).expect(200)).body.ticket;
  const minutesToFirstResponse = (t: { firstResponseDueAt: string; openedAt: string }) =>
    (Date.parse(t.firstResponseDueAt) - Date.parse(t.openedAt)) / 60_000;

  beforeAll(async () => {
    schema = await createTestSchema('membership');
    topics = await createTestTopics('membership', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'membership-test' }),
      new TopicNamer(topics.prefix),
    );
    ({ app } = await bootApp(schema.schema, topics.prefix, OPENED_AT));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should give a VIP merchant a faster first-response target than a merchant without membership', async () => {
    await send([membership('M-vip', 'gold', 'vip', 'vip', '2026-04-01T00:00:00.000Z')]);
    await expectEventually(async () => expect(await slaTierOf('M-vip')).toBe('vip'));

    const plain = await get((await open('M-plain')).id);
    const vip = await get((await open('M-vip')).id);

    expect(plain.slaRule).toMatch(/^default:/);
    expect(minutesToFirstResponse(plain)).toBe(240); // standard/normal: 4 business hours
    expect(vip.slaRule).toMatch(/^vip-member:/);
    expect(vip.priority).toBe('high');
    expect(minutesToFirstResponse(vip)).toBe(15); // vip/high, round the clock
  });

  it('should give a gold merchant the priority-member tier, never slower than a non-member', async () => {
    await send([membership('M-gold', 'silver', 'gold', 'priority', '2026-04-01T00:00:00.000Z')]);
    await expectEventually(async () => expect(await slaTierOf('M-gold')).toBe('priority'));
    const gold = await get((await open('M-gold')).id);
    expect(gold.slaRule).toMatch(/^priority-member:/);
    expect(minutesToFirstResponse(gold)).toBe(30);
  });

  it('should apply a downgrade to new tickets only, and ignore a redelivered or older change', async () => {
    await send([membership('M-down', 'gold', 'vip', 'vip', '2026-04-01T00:00:00.000Z')]);
    await expectEventually(async () => expect(await slaTierOf('M-down')).toBe('vip'));
    const before = await open('M-down');

    const downgrade = membership('M-down', 'vip', 'standard', 'standard', '2026-04-12T00:00:00.000Z');
    const stale = membership('M-down', 'gold', 'vip', 'vip', '2026-04-05T00:00:00.000Z');
    await send([downgrade, downgrade, stale]);
    await expectEventually(async () => {
      const [inbox] = await adminQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema.schema}".inbox
         WHERE consumer = 'after-sales-tickets.membership' AND event_id = ANY($1)`,
        [[downgrade.id, stale.id]],
      );
      expect(inbox.n).toBe(2); // the downgrade once (delivered twice), the stale change once
    });
    expect(await slaTierOf('M-down')).toBe('standard');

    const after = await get((await open('M-down')).id);
    expect(after.slaRule).toMatch(/^default:/);
    expect(minutesToFirstResponse(after)).toBe(240);
    // The open ticket keeps the target promised while the merchant was VIP.
    const kept = await get(before.id);
    expect(kept.slaRule).toMatch(/^vip-member:/);
    expect(minutesToFirstResponse(kept)).toBe(15);
  });

  it('should move an open ticket to the faster policy when the merchant is upgraded to VIP', async () => {
    const ticket = await open('M-up');
    expect(minutesToFirstResponse(ticket)).toBe(240);

    await send([membership('M-up', 'gold', 'vip', 'vip', OPENED_AT)]);
    const moved = await expectEventually(async () => {
      const t = await get(ticket.id);
      expect(t.slaRule).toMatch(/^vip-member:.*was standard/);
      return t;
    });
    // Priority stays the lifecycle's (normal); the VIP policy's normal target is 20 min, round the clock.
    expect(moved.priority).toBe('normal');
    expect(minutesToFirstResponse(moved)).toBe(20);
    const [clock] = await adminQuery<{ target_ms: string; next_fire_at: Date }>(
      `SELECT target_ms, next_fire_at FROM "${schema.schema}".sla_clocks WHERE ticket_id = $1 AND kind = 'first_response'`,
      [ticket.id],
    );
    expect(Number(clock.target_ms)).toBe(20 * 60_000);
    // The warning (75% of 20 min) counts from the opening: time already run carries over.
    const warnAt = Date.parse(ticket.openedAt) + 15 * 60_000;
    expect(Math.abs(new Date(clock.next_fire_at).getTime() - warnAt)).toBeLessThan(1000);
    const history = (await http().get(`/v1/tickets/${ticket.id}/history`).set(as('reader')).expect(200)).body;
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'loyalty',
          field: 'slaPolicyId',
          newValue: 'vip',
          reason: 'membership gold → vip',
        }),
      ]),
    );
  });
});
