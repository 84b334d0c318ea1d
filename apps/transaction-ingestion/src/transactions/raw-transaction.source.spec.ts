import type { MessageMeta } from '@merchant-pulse/kafka';
import { unparsedItem } from './raw-transaction.source';

const meta = (value: unknown): MessageMeta => ({
  topic: 'acquirer.transactions.v1',
  partition: 3,
  offset: '0',
  key: null,
  timestamp: '0',
  headers: {},
  raw: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const now = Date.parse('2026-03-01T10:00:00Z');

describe(unparsedItem.name, () => {
  it('should charge the acquirer and UTC date the JSON names when they are valid', () => {
    expect(
      unparsedItem(
        meta({ acquirerId: 'acq-1', occurredAt: '2026-02-27T23:30:00-02:00' }),
        'schema_violation',
        now,
      ),
    ).toEqual({
      acquirerId: 'acq-1',
      businessDate: '2026-02-28',
      partition: 3,
      reason: 'schema_violation',
    });
  });

  it.each([['\u0000'], ['acq 1'], ['a'.repeat(65)], ['acq-\u00e9'], [''], [42]])(
    'should charge acquirer unknown when acquirerId %j is not a contract identifier',
    (acquirerId) => {
      expect(unparsedItem(meta({ acquirerId }), 'schema_violation', now).acquirerId).toBe('unknown');
    },
  );

  it.each([
    ['+275760-09-13T00:00:00Z', '9999-12-31'],
    ['-271821-04-20T00:00:00Z', '0001-01-01'],
    ['0000-06-01T00:00:00Z', '0001-01-01'],
    ['not a date', '2026-03-01'],
  ])('should clamp occurredAt %s to a date Postgres stores (%s)', (occurredAt, date) => {
    expect(
      unparsedItem(meta({ acquirerId: 'acq-1', occurredAt }), 'schema_violation', now).businessDate,
    ).toBe(date);
  });

  it('should charge unknown on the received date when the value is not JSON or JSON null', () => {
    for (const raw of ['{oops', 'null', '[]']) {
      expect(unparsedItem(meta(raw), 'malformed_json', now)).toMatchObject({
        acquirerId: 'unknown',
        businessDate: '2026-03-01',
      });
    }
  });
});
