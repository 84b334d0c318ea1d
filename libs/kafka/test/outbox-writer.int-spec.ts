import { createTestSchema, TestSchema } from '@merchant-pulse/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { enqueueOutboxEvents, eventHeaders, OutboxEvent } from '../src';
import { createLedgerTables, ledgerDataSource } from './fixtures/ledger.fixture';

jest.setTimeout(60_000);

type TestEvent = OutboxEvent & { occurredAt: string; payload: Record<string, unknown> };

/** Text that JSON escapes (quotes, backslashes, line feeds, tabs, control characters) or carries as is. */
const AWKWARD = [
  'plain',
  'quote " and backslash \\ and \\"',
  'line\nfeed, carriage\r\nreturn, tab\t',
  'control \u0001\u001f and DEL \u007f',
  'unicode 房东的猫 😀 \u2028\u2029 e\u0301',
  '{"looks":"like json"}',
  '\\n not a line feed',
  ',;{}[]() NULL null',
];

function event(i: number, extra: Partial<OutboxEvent> = {}): TestEvent {
  const id = randomUUID();
  return {
    id,
    type: i % 2 === 0 ? 'MerchantRiskChanged' : 'TicketOpened',
    version: 1,
    merchantId: `M-${String(i).padStart(6, '0')}`,
    correlationId: id,
    occurredAt: '2026-03-02T00:00:00.000Z',
    payload: {
      text: AWKWARD[i % AWKWARD.length],
      n: i,
      nested: { list: [AWKWARD[(i + 3) % AWKWARD.length]] },
    },
    ...extra,
  };
}

const topicOf = (type: string) => (type === 'MerchantRiskChanged' ? 'churn.risk.v1' : 'support.tickets.v1');

describe(enqueueOutboxEvents.name, () => {
  let schema: TestSchema;
  let ds: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('outbox_writer');
    ds = await ledgerDataSource(schema.url, schema.schema).initialize();
    await createLedgerTables(ds);
  });

  beforeEach(async () => {
    await ds.query(`TRUNCATE outbox`);
  });

  afterAll(async () => {
    await ds.destroy();
    await schema.drop();
  });

  it('should store each event’s exact JSON, headers, topic and key, in the order given, in one insert', async () => {
    const events = Array.from({ length: 500 }, (_, i) =>
      event(i, i % 7 === 0 ? { causationId: `cause-${i}` } : {}),
    );

    await ds.transaction((m) => enqueueOutboxEvents(m, events, topicOf));

    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT event_id::text, topic, message_key, event_type, value, headers FROM outbox ORDER BY seq`,
    );
    expect(rows).toHaveLength(events.length);
    rows.forEach((row, i) => {
      const e = events[i];
      expect(row).toEqual({
        event_id: e.id,
        topic: topicOf(e.type),
        message_key: e.merchantId,
        event_type: e.type,
        value: JSON.stringify(e),
        headers: eventHeaders(e),
      });
    });
  });

  it('should store a single event', async () => {
    const only = event(1);

    await ds.transaction((m) => enqueueOutboxEvents(m, [only], topicOf));

    const [row] = await ds.query(`SELECT value FROM outbox`);
    expect(row.value).toBe(JSON.stringify(only));
  });

  it('should roll the events back with the caller’s transaction', async () => {
    await expect(
      ds.transaction(async (m) => {
        await enqueueOutboxEvents(m, [event(1), event(2)], topicOf);
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');

    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(n).toBe(0);
  });

  it('should refuse the whole batch when one event id is already in the outbox', async () => {
    const first = event(1);
    await ds.transaction((m) => enqueueOutboxEvents(m, [first], topicOf));

    await expect(
      ds.transaction((m) => enqueueOutboxEvents(m, [event(2), { ...event(3), id: first.id }], topicOf)),
    ).rejects.toThrow(/duplicate key/);

    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(n).toBe(1);
  });

  it('should do nothing for no events', async () => {
    await ds.transaction((m) => enqueueOutboxEvents(m, [], topicOf));

    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(n).toBe(0);
  });
});
