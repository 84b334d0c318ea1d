import { RAW_TRANSACTION_EXAMPLE } from './event-examples';
import {
  MAX_TRANSACTION_AMOUNT_MINOR,
  RawTransactionV1,
  checkRawTransactionRules,
  parseRawTransaction,
} from './raw-transaction';
import { MAX_RAW_TRANSACTION_BYTES } from './validation/json-limits';
import { validateContract } from './validation/validate-contract';

const valid = RAW_TRANSACTION_EXAMPLE;
const { currency: _c, responseCode: _r, entryMode: _e, ...minimal } = valid;
const refund = {
  ...valid,
  type: 'refund',
  transactionId: 'TX-2',
  originalTransactionId: valid.transactionId,
};

/** Objects both validators must accept. */
const validCorpus: Array<[string, Record<string, unknown>]> = [
  ['the full example', { ...valid }],
  ['only required fields', minimal],
  ['a refund with its original', refund],
  ['a reversal with its original', { ...refund, type: 'reversal' }],
  [
    'a declined QR payment',
    { ...valid, channel: 'qr_wechat', status: 'declined', responseCode: '05', entryMode: 'qr' },
  ],
  ['a UTC instant with nanoseconds', { ...valid, occurredAt: '2026-03-10T03:12:00.123456789Z' }],
  ['a negative offset', { ...valid, occurredAt: '2026-03-10T03:12:00-05:30' }],
  ['a leap day', { ...valid, occurredAt: '2024-02-29T12:00:00Z' }],
  ['a zero amount (a rule, not a schema matter)', { ...valid, amountMinor: 0 }],
  ['the largest safe amount', { ...valid, amountMinor: Number.MAX_SAFE_INTEGER }],
  ['another currency', { ...valid, currency: 'HKD' }],
  ['null optionals', { ...valid, currency: null, responseCode: null, entryMode: null }],
  ['a 64-character id', { ...valid, transactionId: 'x'.repeat(64) }],
  ['the first contract year', { ...valid, occurredAt: '1900-01-01T00:00:00Z' }],
  ['the last contract year, west of UTC', { ...valid, occurredAt: '9998-12-31T23:59:59-12:00' }],
];

/** Objects both validators must reject, with the field the fast validator must name. */
const invalidCorpus: Array<[string, Record<string, unknown>, string]> = [
  ['a missing merchantId', { ...valid, merchantId: undefined }, 'merchantId'],
  ['an empty terminalId', { ...valid, terminalId: '' }, 'terminalId'],
  ['a 65-character id', { ...valid, transactionId: 'x'.repeat(65) }, 'transactionId'],
  ['an id with a space', { ...valid, acquirerId: 'ACQ 1' }, 'acquirerId'],
  ['a numeric id', { ...valid, merchantId: 123 }, 'merchantId'],
  ['a fractional amount', { ...valid, amountMinor: 100.5 }, 'amountMinor'],
  ['an amount as a string', { ...valid, amountMinor: '10000' }, 'amountMinor'],
  ['an unsafe integer amount', { ...valid, amountMinor: 2 ** 53 }, 'amountMinor'],
  ['a lowercase currency', { ...valid, currency: 'cny' }, 'currency'],
  ['a four-letter currency', { ...valid, currency: 'CNYY' }, 'currency'],
  ['an unknown channel', { ...valid, channel: 'amex' }, 'channel'],
  ['an unknown type', { ...valid, type: 'chargeback' }, 'type'],
  ['an unknown status', { ...valid, status: 'pending' }, 'status'],
  ['an unknown entry mode', { ...valid, entryMode: 'telepathy' }, 'entryMode'],
  ['a refund without its original', { ...refund, originalTransactionId: undefined }, 'originalTransactionId'],
  [
    'a reversal with a null original',
    { ...refund, type: 'reversal', originalTransactionId: null },
    'originalTransactionId',
  ],
  ['a purchase with an empty original id', { ...valid, originalTransactionId: '' }, 'originalTransactionId'],
  ['a bad response code', { ...valid, responseCode: '0-0' }, 'responseCode'],
  ['an instant without offset', { ...valid, occurredAt: '2026-03-10T11:12:00' }, 'occurredAt'],
  ['a date only', { ...valid, occurredAt: '2026-03-10' }, 'occurredAt'],
  ['a space separator', { ...valid, occurredAt: '2026-03-10 11:12:00Z' }, 'occurredAt'],
  ['the 30th of February', { ...valid, occurredAt: '2026-02-30T00:00:00Z' }, 'occurredAt'],
  ['29 February in a common year', { ...valid, occurredAt: '2026-02-29T00:00:00Z' }, 'occurredAt'],
  ['hour 24', { ...valid, occurredAt: '2026-03-10T24:00:00Z' }, 'occurredAt'],
  ['epoch millis', { ...valid, occurredAt: 1773112320000 }, 'occurredAt'],
  ['an unknown field', { ...valid, cardNumber: '6222020000000000' }, 'cardNumber'],
  ['year 0000 (Postgres refuses it)', { ...valid, occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt'],
  ['year 1 east of UTC (year 0 in UTC)', { ...valid, occurredAt: '0001-01-01T00:00:00+08:00' }, 'occurredAt'],
  ['a year before 1900', { ...valid, occurredAt: '1899-12-31T23:59:59Z' }, 'occurredAt'],
  [
    'year 9999 (local dates reach 10000)',
    { ...valid, occurredAt: '9999-12-31T23:00:00-08:00' },
    'occurredAt',
  ],
  ['an expanded year', { ...valid, occurredAt: '+275760-09-13T00:00:00Z' }, 'occurredAt'],
  ['an amount beyond 2^53', { ...valid, amountMinor: 2 ** 60 }, 'amountMinor'],
  ['a NUL acquirerId', { ...valid, acquirerId: '\u0000' }, 'acquirerId'],
  ['a lone surrogate in an id', { ...valid, merchantId: 'M-\ud800' }, 'merchantId'],
];

function classAccepts(candidate: Record<string, unknown>): boolean {
  return validateContract(RawTransactionV1, candidate, 'strict').issues.length === 0;
}

describe(parseRawTransaction.name, () => {
  it('should return the transaction when the message is valid', () => {
    expect(parseRawTransaction(Buffer.from(JSON.stringify(valid)))).toEqual({ ok: true, value: valid });
  });

  it('should default the currency to CNY and drop null optionals when they are absent', () => {
    const result = parseRawTransaction(JSON.stringify({ ...minimal, responseCode: null }));

    expect(result).toEqual({ ok: true, value: { ...minimal, currency: 'CNY' } });
  });

  it.each(validCorpus)('should agree with RawTransactionV1 in accepting %s', (_label, candidate) => {
    expect(parseRawTransaction(JSON.stringify(candidate)).ok).toBe(true);
    expect(classAccepts(candidate)).toBe(true);
  });

  it.each(invalidCorpus)('should agree with RawTransactionV1 in rejecting %s', (_label, candidate, field) => {
    const result = parseRawTransaction(JSON.stringify(candidate));

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (!result.ok) expect(result.detail).toContain(`${field}:`);
    expect(classAccepts(candidate)).toBe(false);
  });

  it('should reject with empty_message when the value is empty', () => {
    expect(parseRawTransaction(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty_message' });
  });

  it('should reject with malformed_json when the value is not JSON', () => {
    expect(parseRawTransaction('{"acquirerId":')).toMatchObject({ ok: false, reason: 'malformed_json' });
  });

  it('should reject with schema_violation when the JSON is not an object', () => {
    expect(parseRawTransaction('"hello"')).toMatchObject({ ok: false, reason: 'schema_violation' });
    expect(parseRawTransaction('null')).toMatchObject({ ok: false, reason: 'schema_violation' });
  });

  it('should reject with too_large when the message is over 64 KiB, whatever it holds', () => {
    const padded = JSON.stringify({ ...valid }).replace('{', `{${' '.repeat(MAX_RAW_TRANSACTION_BYTES)}`);

    expect(parseRawTransaction(Buffer.from(padded))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('should reject with schema_violation, not throw, when a field nests 20,000 arrays', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = JSON.stringify({ ...valid, terminalId: 0 }).replace('0', deep);

    expect(parseRawTransaction(text)).toMatchObject({ ok: false, reason: 'schema_violation' });
  });

  it('should write a storable detail when a field name carries a NUL or a lone surrogate', () => {
    const result = parseRawTransaction(JSON.stringify({ ...valid, 'x\u0000\udc00': 1 }));

    expect(result).toMatchObject({ ok: false, reason: 'schema_violation' });
    if (!result.ok) expect(result.detail).toContain('x\uFFFD\uFFFD: unknown field');
  });

  it('should write a storable detail when the JSON error quotes a NUL', () => {
    const result = parseRawTransaction(Buffer.from('\u0000{'));

    expect(result).toMatchObject({ ok: false, reason: 'malformed_json' });
    if (!result.ok) expect(result.detail).not.toContain('\u0000');
  });
});

describe(checkRawTransactionRules.name, () => {
  const context = {
    now: new Date('2026-03-10T03:12:00Z'),
    futureToleranceMs: 5 * 60_000,
    expectedCurrency: 'CNY',
  };

  it('should pass when the transaction obeys every rule', () => {
    expect(checkRawTransactionRules(valid, context)).toBeNull();
  });

  it('should report non_positive_amount when a purchase is zero or negative', () => {
    expect(checkRawTransactionRules({ ...valid, amountMinor: 0 }, context)).toBe('non_positive_amount');
    expect(checkRawTransactionRules({ ...valid, amountMinor: -1 }, context)).toBe('non_positive_amount');
  });

  it('should report non_positive_amount when a refund is zero or negative, but not a reversal', () => {
    const refund = { ...valid, type: 'refund' as const };
    expect(checkRawTransactionRules({ ...refund, amountMinor: 0 }, context)).toBe('non_positive_amount');
    expect(checkRawTransactionRules({ ...refund, amountMinor: -5 }, context)).toBe('non_positive_amount');
    expect(checkRawTransactionRules({ ...refund, amountMinor: 5 }, context)).toBeNull();
    expect(checkRawTransactionRules({ ...valid, type: 'reversal', amountMinor: 0 }, context)).toBeNull();
  });

  it('should report amount_out_of_range above 10^10 fen so merchant-day totals stay exact', () => {
    expect(
      checkRawTransactionRules({ ...valid, amountMinor: MAX_TRANSACTION_AMOUNT_MINOR }, context),
    ).toBeNull();
    expect(
      checkRawTransactionRules({ ...valid, amountMinor: MAX_TRANSACTION_AMOUNT_MINOR + 1 }, context),
    ).toBe('amount_out_of_range');
    expect(checkRawTransactionRules({ ...valid, amountMinor: Number.MAX_SAFE_INTEGER }, context)).toBe(
      'amount_out_of_range',
    );
  });

  it('should report future_dated only beyond the tolerance, honouring the offset', () => {
    // 11:16+08:00 is 03:16Z: four minutes ahead, within five minutes of tolerance.
    expect(
      checkRawTransactionRules({ ...valid, occurredAt: '2026-03-10T11:16:00+08:00' }, context),
    ).toBeNull();
    expect(checkRawTransactionRules({ ...valid, occurredAt: '2026-03-10T03:17:00.001Z' }, context)).toBe(
      'future_dated',
    );
  });

  it("should report currency_mismatch when the currency is not the merchant's, defaulting to CNY", () => {
    expect(checkRawTransactionRules({ ...valid, currency: 'USD' }, context)).toBe('currency_mismatch');
    expect(
      checkRawTransactionRules({ ...valid, currency: undefined }, { ...context, expectedCurrency: 'HKD' }),
    ).toBe('currency_mismatch');
  });

  it('should report the first failing rule when several fail', () => {
    expect(checkRawTransactionRules({ ...valid, amountMinor: 0, currency: 'USD' }, context)).toBe(
      'non_positive_amount',
    );
  });
});
