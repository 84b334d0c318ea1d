import { EVENT_EXAMPLES } from './event-examples';
import type { EventType } from './event-registry';
import { EventRegistry } from './event-registry';
import { parseEvent } from './parse-event';
import { MAX_EVENT_BYTES } from './validation/json-limits';

/** A valid envelope around `payload` (any shape), as a producer would have written it. */
function envelope(type: EventType, payload: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: '0196f2a0-7c00-7000-8000-000000000001',
    type,
    version: 1,
    occurredAt: '2026-04-10T07:00:00.000Z',
    producer: EventRegistry[type].producer,
    merchantId: 'M-000123',
    ...extra,
    payload,
  };
}

function parsePayload<T extends EventType>(type: T, changes: Record<string, unknown>) {
  return parseEvent(JSON.stringify(envelope(type, { ...EVENT_EXAMPLES[type], ...changes })));
}

/** `{"…": <20,000 nested arrays>}` spliced in place of the placeholder value 0 of `field`. */
function withDeepArrays(value: object, placeholder = '"__deep__"'): string {
  const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  return JSON.stringify(value).replace(placeholder, deep);
}

describe(`${parseEvent.name} with hostile input`, () => {
  it.each([
    ['a payload field', envelope('TicketOpened', { ...EVENT_EXAMPLES.TicketOpened, subject: '__deep__' })],
    ['an unknown envelope field', envelope('TicketOpened', EVENT_EXAMPLES.TicketOpened, { x: '__deep__' })],
    ['an unknown payload field', envelope('TicketOpened', { ...EVENT_EXAMPLES.TicketOpened, x: '__deep__' })],
  ])('should reject with too_deep, not throw, when %s nests 20,000 arrays', (_label, value) => {
    const result = parseEvent(withDeepArrays(value));

    expect(result).toMatchObject({ ok: false, reason: 'too_deep' });
  });

  it.each([
    ['a payload field', { ...EVENT_EXAMPLES.TicketOpened, subject: { constructor: 1 } }, {}],
    ['an envelope field', EVENT_EXAMPLES.TicketOpened, { producer: { constructor: 'x' } }],
  ])(
    'should reject with schema_violation, not throw, when %s is an object with a constructor key',
    (_l, payload, extra) => {
      // class-transformer throws a TypeError on such objects (found by the property tests).
      const result = parseEvent(JSON.stringify(envelope('TicketOpened', payload, extra)));

      expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    },
  );

  it('should accept 32 levels of nesting in an unknown field and drop it (tolerant reader)', () => {
    const nested = `${'['.repeat(29)}${']'.repeat(29)}`;
    const value = envelope('TicketOpened', { ...EVENT_EXAMPLES.TicketOpened, x: '__deep__' });

    expect(parseEvent(JSON.stringify(value).replace('"__deep__"', nested)).ok).toBe(true);
  });

  it('should reject with too_large when the message is over 1 MiB', () => {
    const value = envelope('TicketOpened', {
      ...EVENT_EXAMPLES.TicketOpened,
      x: 'y'.repeat(MAX_EVENT_BYTES),
    });

    expect(parseEvent(Buffer.from(JSON.stringify(value)))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it.each([
    ['a NUL in a name', 'MerchantRegistered', { legalName: 'Old\u0000Street' }, 'payload.legalName'],
    ['a lone surrogate in a reason', 'TerminalStatusChanged', { reason: 'x\ud800' }, 'payload.reason'],
    ['a NUL in a comment', 'SurveyAnswered', { comment: '\u0000' }, 'payload.comment'],
    ['a NUL in a failure detail', 'OutreachFailed', { detail: 'SMTP\u0000' }, 'payload.detail'],
    ['a NUL in a ticket subject', 'TicketOpened', { subject: 'a\u0000' }, 'payload.subject'],
    ['a NUL in a resolution', 'TicketStatusChanged', { resolution: 'done\u0000' }, 'payload.resolution'],
    ['a NUL in a model name', 'TerminalAssigned', { model: 'PAX\u0000' }, 'payload.model'],
    ['a year-0 instant', 'MerchantRegistered', { registeredAt: '0000-01-01T00:00:00.000Z' }, 'registeredAt'],
    ['an instant before 1900', 'TicketOpened', { openedAt: '1899-12-31T23:59:59.000Z' }, 'openedAt'],
    ['an instant in 9999', 'TicketOpened', { openedAt: '9999-12-31T23:59:59.999Z' }, 'openedAt'],
    ['an expanded-year instant', 'TicketOpened', { openedAt: '+275760-09-13T00:00:00.000Z' }, 'openedAt'],
    ['a local date in 9999', 'MerchantDailyActivity', { date: '9999-12-31' }, 'payload.date'],
    ['a local date in year 0', 'MerchantDailyActivity', { date: '0000-01-01' }, 'payload.date'],
    ['a plan version beyond int4', 'FeePlanChanged', { planVersion: 2 ** 40 }, 'payload.planVersion'],
    ['an attempt beyond 2^53', 'OutreachSent', { attempt: 2 ** 53 + 2 }, 'payload.attempt'],
    ['a count beyond int4', 'MerchantDailyActivity', { approvedCount: 2 ** 31 }, 'payload.approvedCount'],
    ['an amount beyond 2^53', 'MerchantDailyActivity', { feeMinor: 2 ** 60 }, 'payload.feeMinor'],
    ['a window beyond int4', 'TerminalHealthDegraded', { windowMinutes: 2 ** 31 }, 'payload.windowMinutes'],
    ['an inactivity beyond int4', 'MerchantReactivated', { daysInactive: 2 ** 31 }, 'payload.daysInactive'],
  ])('should reject with schema_violation when the payload has %s', (_label, type, changes, path) => {
    const result = parsePayload(type as EventType, changes);

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (!result.ok) expect(result.detail).toContain(path);
  });

  it('should reject with schema_violation when the correlation id carries a NUL', () => {
    const value = envelope('TicketOpened', EVENT_EXAMPLES.TicketOpened, { correlationId: 'c\u0000' });

    expect(parseEvent(JSON.stringify(value))).toMatchObject({ ok: false, reason: 'schema_violation' });
  });

  it.each([
    ['a NUL value', { note: 'a\u0000' }],
    ['a lone surrogate key', { ['k\udfff']: 1 }],
    ['33 entries', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]))],
    ['a 501-character string', { note: 'x'.repeat(501) }],
    ['a number beyond 2^53', { amountMinor: 2 ** 60 }],
  ])('should reject risk evidence with %s', (_label, evidence) => {
    const reasons = [{ ...EVENT_EXAMPLES.MerchantRiskChanged.reasons[0], evidence }];

    const result = parsePayload('MerchantRiskChanged', { reasons });

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (!result.ok) expect(result.detail).toContain('payload.reasons.0.evidence');
  });

  it('should write a storable detail when the JSON error quotes a NUL', () => {
    const result = parseEvent(Buffer.from('\u0000{'));

    expect(result).toMatchObject({ ok: false, reason: 'malformed_json' });
    if (!result.ok) expect(result.detail).not.toContain('\u0000');
  });
});

describe(`${parseEvent.name} when a validator throws`, () => {
  it('should reject with schema_violation naming the error instead of throwing', () => {
    jest.isolateModules(() => {
      jest.doMock('./validation/validate-contract', () => ({
        ...jest.requireActual('./validation/validate-contract'),
        validateContract: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      }));
      const { parseEvent: isolatedParseEvent } = jest.requireActual('./parse-event') as {
        parseEvent: typeof parseEvent;
      };

      const result = isolatedParseEvent(
        JSON.stringify(envelope('TicketOpened', EVENT_EXAMPLES.TicketOpened)),
      );

      expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
      if (!result.ok) expect(result.detail).toContain('RangeError: Maximum call stack size exceeded');
    });
  });
});
