import { validate as isUuid, version as uuidVersion } from 'uuid';
import { EventEnvelope, InvalidEventError, causedBy, createEvent, validateEvent } from './envelope';
import { EVENT_EXAMPLES } from './event-examples';

const base = { merchantId: 'M-000123', producer: 'after-sales-tickets' };

describe(createEvent.name, () => {
  it('should build a typed envelope with a fresh UUIDv7 and the registered version when given a valid payload', () => {
    const event = createEvent('TicketOpened', { ...base, payload: EVENT_EXAMPLES.TicketOpened });

    expect(isUuid(event.id)).toBe(true);
    expect(uuidVersion(event.id)).toBe(7);
    expect(event).toMatchObject({ type: 'TicketOpened', version: 1, merchantId: 'M-000123' });
    expect(event.payload.ticketId).toBe('TK-1001');
  });

  it('should give every event its own id when called twice', () => {
    const first = createEvent('TicketOpened', { ...base, payload: EVENT_EXAMPLES.TicketOpened });
    const second = createEvent('TicketOpened', { ...base, payload: EVENT_EXAMPLES.TicketOpened });

    expect(first.id).not.toBe(second.id);
    expect(second.id > first.id).toBe(true);
  });

  it('should normalise occurredAt to ISO-8601 UTC when given a Date or an offset instant', () => {
    const fromDate = createEvent('TicketOpened', {
      ...base,
      payload: EVENT_EXAMPLES.TicketOpened,
      occurredAt: new Date('2026-04-10T07:00:00Z'),
    });
    const fromOffset = createEvent('TicketOpened', {
      ...base,
      payload: EVENT_EXAMPLES.TicketOpened,
      occurredAt: '2026-04-10T15:00:00+08:00',
    });

    expect(fromDate.occurredAt).toBe('2026-04-10T07:00:00.000Z');
    expect(fromOffset.occurredAt).toBe('2026-04-10T07:00:00.000Z');
  });

  it('should start a new correlation with its own id when no parent or correlation id is given', () => {
    const event = createEvent('TicketOpened', { ...base, payload: EVENT_EXAMPLES.TicketOpened });

    expect(event.correlationId).toBe(event.id);
    expect(event.causationId).toBeUndefined();
  });

  it('should copy the correlation id and set the causation id when caused by a parent event', () => {
    const parent = createEvent('TerminalHealthDegraded', {
      merchantId: 'M-000123',
      producer: 'transaction-ingestion',
      payload: EVENT_EXAMPLES.TerminalHealthDegraded,
      correlationId: 'req-42',
    });

    const viaHelper = createEvent('TicketOpened', {
      ...base,
      ...causedBy(parent),
      payload: EVENT_EXAMPLES.TicketOpened,
    });
    const viaOption = createEvent('TicketOpened', {
      ...base,
      causedBy: parent,
      payload: EVENT_EXAMPLES.TicketOpened,
    });

    for (const child of [viaHelper, viaOption]) {
      expect(child.correlationId).toBe('req-42');
      expect(child.causationId).toBe(parent.id);
    }
  });

  it("should use the parent's id as correlation id when the parent has none", () => {
    expect(causedBy({ id: 'parent-1' })).toEqual({ correlationId: 'parent-1', causationId: 'parent-1' });
  });

  it('should throw InvalidEventError naming the field when the payload breaks the contract', () => {
    const payload = { ...EVENT_EXAMPLES.SurveyAnswered, score: 6 };

    expect(() => createEvent('SurveyAnswered', { ...base, payload })).toThrow(InvalidEventError);
    expect(() => createEvent('SurveyAnswered', { ...base, payload })).toThrow(/payload\.score/);
  });

  it('should reject unknown payload fields when producing (producers are strict)', () => {
    const payload = { ...EVENT_EXAMPLES.SurveyAnswered, phone: '13800000000' };

    expect(() => createEvent('SurveyAnswered', { ...base, payload })).toThrow(/payload\.phone/);
  });

  it('should throw when the envelope breaks the contract', () => {
    expect(() =>
      createEvent('SurveyAnswered', { ...base, merchantId: '', payload: EVENT_EXAMPLES.SurveyAnswered }),
    ).toThrow(/merchantId/);
  });
});

describe(EventEnvelope.name, () => {
  it('should report nested payload paths when validating a hand-built event', () => {
    const event = createEvent('MerchantDailyActivity', {
      merchantId: 'M-000123',
      producer: 'transaction-ingestion',
      payload: EVENT_EXAMPLES.MerchantDailyActivity,
    });
    const broken = {
      ...event,
      payload: {
        ...event.payload,
        byChannel: { ...event.payload.byChannel, debit: { count: 1, amountMinor: 1.5, feeMinor: 0 } },
      },
    };

    expect(validateEvent(event)).toEqual([]);
    expect(validateEvent(broken).map((issue) => issue.path)).toContain('payload.byChannel.debit.amountMinor');
  });
});
