import { eventHeaders, OUTBOX_ROW_SEPARATOR, outboxInsertParams, OutboxEvent } from './outbox.writer';

const event = (i: number, text: string): OutboxEvent & { payload: unknown } => ({
  id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  type: 'MerchantRiskChanged',
  version: 1,
  merchantId: `M-${i}`,
  correlationId: 'c',
  payload: { text },
});

describe(outboxInsertParams.name, () => {
  it('should join values and headers so that splitting on the separator gives back each JSON exactly', () => {
    const texts = ['a\nb', 'c\r\nd', '\\n', '\u2028', '"\\"', 'tab\t', 'x'.repeat(5000), '😀'];
    const events = texts.map((text, i) => event(i, text));

    const p = outboxInsertParams(events, () => 'churn.risk.v1');

    expect(p.values.split(OUTBOX_ROW_SEPARATOR)).toEqual(events.map((e) => JSON.stringify(e)));
    expect(p.headers.split(OUTBOX_ROW_SEPARATOR).map((h) => JSON.parse(h) as unknown)).toEqual(
      events.map((e) => eventHeaders(e)),
    );
    expect(p.ids).toEqual(events.map((e) => e.id));
    expect(p.keys).toEqual(events.map((e) => e.merchantId));
    expect(p.topics).toEqual(events.map(() => 'churn.risk.v1'));
    expect(p.types).toEqual(events.map((e) => e.type));
  });

  it('should never put the separator inside one event’s JSON', () => {
    const controls = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('');

    const p = outboxInsertParams([event(1, controls)], () => 't');

    expect(p.values.includes(OUTBOX_ROW_SEPARATOR)).toBe(false);
    expect(JSON.parse(p.values)).toEqual(event(1, controls));
  });
});
