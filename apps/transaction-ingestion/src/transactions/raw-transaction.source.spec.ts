import { IDENTIFIER_PATTERN, RAW_TRANSACTION_EXAMPLE } from '@merchant-pulse/contracts';
import type { MessageMeta } from '@merchant-pulse/kafka';
import fc from 'fast-check';
import { unparsedItem } from './raw-transaction.source';

const NOW = Date.parse('2026-03-10T08:00:00Z');

function meta(raw: string): MessageMeta {
  return {
    topic: 't',
    partition: 3,
    offset: '7',
    key: null,
    timestamp: '0',
    headers: {},
    raw: Buffer.from(raw),
  };
}

const item = (fields: Record<string, unknown>) =>
  unparsedItem(meta(JSON.stringify({ ...RAW_TRANSACTION_EXAMPLE, ...fields })), 'schema_violation', NOW);

describe(unparsedItem.name, () => {
  it("should charge the message's acquirer on the UTC date of occurredAt when both are valid", () => {
    expect(item({ amountMinor: 'bad' })).toMatchObject({
      acquirerId: 'ACQ-UNIONPAY-SH',
      businessDate: '2026-03-10',
      partition: 3,
      reason: 'schema_violation',
    });
  });

  it.each([
    ['a NUL acquirerId', { acquirerId: '\u0000' }],
    ['a lone surrogate acquirerId', { acquirerId: 'A\ud800' }],
    ['an acquirerId with a space', { acquirerId: 'ACQ 1' }],
  ])('should charge acquirer unknown when the message has %s (not an identifier)', (_l, fields) => {
    expect(item(fields).acquirerId).toBe('unknown');
  });

  it.each([
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 1 east of UTC (year 0 in UTC)', '0001-01-01T00:00:00+08:00'],
    ['an expanded year', '+275760-09-13T00:00:00Z'],
    ['the 30th of February', '2026-02-30T00:00:00Z'],
  ])('should charge the received date when occurredAt is %s', (_label, occurredAt) => {
    expect(item({ occurredAt }).businessDate).toBe('2026-03-10');
  });

  it('should always give a storable acquirer and a four-digit date, whatever the message holds', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('\u0000', '0000-01-01T00:00:00Z'),
    );
    const raw = fc.oneof(
      fc
        .record({ acquirerId: fc.oneof(text, fc.integer()), occurredAt: fc.oneof(text, fc.double()) })
        .map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('null', '[]', '"x"', ''),
    );
    fc.assert(
      fc.property(raw, (value) => {
        const result = unparsedItem(meta(value), 'malformed_json', NOW);
        const year = Number(result.businessDate.slice(0, 4));
        return (
          (result.acquirerId === 'unknown' || IDENTIFIER_PATTERN.test(result.acquirerId)) &&
          /^\d{4}-\d{2}-\d{2}$/.test(result.businessDate) &&
          year >= 1899 &&
          year <= 9999
        );
      }),
      { numRuns: 300 },
    );
  });
});
