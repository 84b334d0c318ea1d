import { createEvent } from './envelope';
import { EVENT_EXAMPLES } from './event-examples';
import { EVENT_TYPES, EventRegistry } from './event-registry';
import { TicketOpenedV1 } from './events/support-tickets.events';
import { parseEvent } from './parse-event';

function validEvent() {
  return createEvent('TicketOpened', {
    merchantId: 'M-000123',
    producer: 'after-sales-tickets',
    payload: EVENT_EXAMPLES.TicketOpened,
    occurredAt: '2026-04-10T07:00:00.000Z',
  });
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe(parseEvent.name, () => {
  it('should return the typed event with a payload class instance when the message is valid', () => {
    const event = validEvent();

    const result = parseEvent(encode(event), { topic: 'support.tickets.v1' });

    expect(result.ok).toBe(true);
    if (!result.ok || result.event.type !== 'TicketOpened') throw new Error('expected a TicketOpened event');
    expect(result.event.payload).toBeInstanceOf(TicketOpenedV1);
    expect(result.event.payload.category).toBe('card_read_failure');
    expect(JSON.parse(JSON.stringify(result.event))).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it.each(EVENT_TYPES)('should accept the example %s event on its own topic when round-tripped', (type) => {
    const event = createEvent(type, {
      merchantId: 'M-000123',
      producer: EventRegistry[type].producer,
      payload: EVENT_EXAMPLES[type],
    });

    const result = parseEvent(JSON.stringify(event), { topic: EventRegistry[type].topic });

    expect(result).toMatchObject({ ok: true, event: { type, id: event.id } });
  });

  it('should drop unknown envelope and payload fields when consuming (tolerant reader)', () => {
    const event = {
      ...validEvent(),
      extra: 1,
      payload: { ...EVENT_EXAMPLES.TicketOpened, futureField: 'x' },
    };

    const result = parseEvent(encode(event));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event).not.toHaveProperty('extra');
    expect(result.event.payload).not.toHaveProperty('futureField');
  });

  it('should accept a prefixed topic name when the suffix is the event topic', () => {
    expect(parseEvent(encode(validEvent()), { topic: 'it-7f3a.support.tickets.v1' }).ok).toBe(true);
  });

  it.each([
    ['null value', null],
    ['zero-length buffer', Buffer.alloc(0)],
    ['blank string', '  \n'],
  ])('should reject with empty_message when the value is a %s', (_label, raw) => {
    expect(parseEvent(raw as Buffer | string | null)).toMatchObject({ ok: false, reason: 'empty_message' });
  });

  it('should reject with malformed_json when the value is not JSON', () => {
    expect(parseEvent('{"id": ')).toMatchObject({ ok: false, reason: 'malformed_json' });
  });

  it('should reject with schema_violation when the JSON is not an object', () => {
    expect(parseEvent('[1,2]')).toMatchObject({ ok: false, reason: 'schema_violation' });
  });

  it('should reject with schema_violation listing the envelope fields when the envelope is invalid', () => {
    const { id: _id, ...withoutId } = validEvent();
    const result = parseEvent(encode({ ...withoutId, occurredAt: '2026-04-10T15:00:00+08:00' }));

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (result.ok) return;
    expect(result.detail).toMatch(/^id: /);
    expect(result.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['id', 'occurredAt']));
  });

  it('should reject with schema_violation when the envelope id is a UUID of another version', () => {
    const event = { ...validEvent(), id: '3b241101-e2bb-4255-8caf-4136c566a962' };

    expect(parseEvent(encode(event))).toMatchObject({ ok: false, reason: 'schema_violation' });
  });

  it('should reject with schema_violation naming nested paths when the payload is invalid', () => {
    const event = { ...validEvent(), payload: { ...EVENT_EXAMPLES.TicketOpened, category: 'printer_jam' } };

    const result = parseEvent(encode(event));

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (result.ok) return;
    expect(result.detail).toContain('payload.category');
  });

  it('should reject with schema_violation when a risk event has no reasons', () => {
    const event = createEvent('MerchantRiskChanged', {
      merchantId: 'M-1',
      producer: 'churn-scoring',
      payload: EVENT_EXAMPLES.MerchantRiskChanged,
    });
    const result = parseEvent(encode({ ...event, payload: { ...event.payload, reasons: [] } }));

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (result.ok) return;
    expect(result.detail).toContain('payload.reasons');
  });

  it('should reject with unknown_type when the type is not registered', () => {
    const result = parseEvent(encode({ ...validEvent(), type: 'TicketTeleported' }));

    expect(result).toMatchObject({ ok: false, reason: 'unknown_type' });
  });

  it('should reject with unsupported_version when the version is not the registered one', () => {
    const result = parseEvent(encode({ ...validEvent(), version: 2 }));

    expect(result).toMatchObject({ ok: false, reason: 'unsupported_version' });
  });

  it('should reject with wrong_topic when the type belongs to another topic', () => {
    const result = parseEvent(encode(validEvent()), { topic: 'merchant.lifecycle.v1' });

    expect(result).toMatchObject({ ok: false, reason: 'wrong_topic' });
  });
});
