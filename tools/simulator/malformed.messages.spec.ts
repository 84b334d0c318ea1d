import { parseRawTransaction } from '@merchant-pulse/contracts';
import { malformedMessage } from './malformed.messages';
import { Rng } from './rng';

const valid = JSON.stringify({
  acquirerId: 'ACQ-1',
  transactionId: 'T-1',
  merchantId: 'M-1',
  terminalId: 'P-1',
  occurredAt: '2026-03-01T02:00:00.000Z',
  amountMinor: 1234,
  currency: 'CNY',
  channel: 'qr_wechat',
  type: 'purchase',
  status: 'approved',
});

describe(malformedMessage.name, () => {
  const over = (allowBrokenJson: boolean) =>
    Array.from({ length: 400 }, (_, i) => malformedMessage(new Rng(7, i), valid, `T-${i}`, allowBrokenJson));

  it('should announce exactly the reason the contract parser gives, for every variant, when sent over Kafka', () => {
    const messages = over(true);
    for (const m of messages) {
      const parsed = parseRawTransaction(m.value);
      expect([parsed.ok ? 'ok' : parsed.reason]).toEqual([m.reason]);
    }
    expect(new Set(messages.map((m) => m.reason))).toEqual(
      new Set(['malformed_json', 'schema_violation', 'too_large']),
    );
  });

  it('should include the hostile cases (NUL id, deep nesting, huge field, 2^53, year 0000) only on Kafka', () => {
    const hostile = (value: string) =>
      value.includes('\\u0000') ||
      value.includes('[[[[[[[[') ||
      value.length > 65_536 ||
      value.includes('9007199254740994') ||
      value.includes('0000-01-01');
    const kafka = over(true).filter((m) => hostile(m.value));
    expect(kafka.length).toBeGreaterThan(100);
    expect(over(false).filter((m) => hostile(m.value))).toEqual([]);
  });
});
