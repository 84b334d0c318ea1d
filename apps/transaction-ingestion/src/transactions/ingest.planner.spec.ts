import { RawTransaction } from '@merchant-pulse/contracts';
import { MerchantView } from '../merchants/merchant-view';
import { IngestItem, OriginalTransaction } from './ingest.model';
import { attachOriginals, planIngestion } from './ingest.planner';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const merchant: MerchantView = {
  merchantId: 'm-1',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  status: 'active',
  feePlans: [
    {
      planVersion: 1,
      feePlanId: 'p',
      effectiveFromMs: 0,
      rates: {
        creditBps: 60,
        debitBps: 50,
        debitCapMinor: 2500,
        qrAlipayBps: 38,
        qrWechatBps: 38,
        unionpayQrBps: 60,
      },
    },
    {
      planVersion: 2,
      feePlanId: 'p',
      effectiveFromMs: Date.parse('2026-03-01T00:00:00Z'),
      rates: {
        creditBps: 100,
        debitBps: 50,
        debitCapMinor: 2500,
        qrAlipayBps: 38,
        qrWechatBps: 38,
        unionpayQrBps: 60,
      },
    },
  ],
};
const context = { merchants: new Map([['m-1', merchant]]), nowMs: NOW, futureToleranceMs: 300_000 };

function item(overrides: Partial<RawTransaction>): IngestItem {
  const tx: RawTransaction = {
    acquirerId: 'a',
    transactionId: 't1',
    merchantId: 'm-1',
    terminalId: 'T',
    occurredAt: '2026-03-01T10:30:00Z',
    amountMinor: 10_000,
    currency: 'CNY',
    channel: 'credit',
    type: 'purchase',
    status: 'approved',
    ...overrides,
  };
  return {
    tx,
    raw: Buffer.from(JSON.stringify(tx)),
    key: tx.merchantId,
    partition: 0,
    offset: '0',
    producedAtMs: null,
  };
}

describe('planIngestion', () => {
  it('should price at the plan effective on occurredAt and place it on the merchant-local calendar when the merchant is known', () => {
    const plan = planIngestion(
      [item({}), item({ transactionId: 't0', occurredAt: '2026-02-28T23:30:00Z' })],
      context,
    );
    expect(plan.priced.map((p) => [p.feeMinor, p.localDate, p.hour])).toEqual([
      [100, '2026-03-01', 18],
      [60, '2026-03-01', 7],
    ]);
  });

  it('should park unknown merchants, reject rule violations and keep only the first copy when a chunk repeats an identity', () => {
    const plan = planIngestion(
      [
        item({}),
        item({}),
        item({ transactionId: 't2', merchantId: 'm-x' }),
        item({ transactionId: 't3', amountMinor: 0 }),
        item({ transactionId: 't4', currency: 'USD' }),
      ],
      context,
    );
    expect(plan.priced).toHaveLength(1);
    expect(plan.duplicates).toHaveLength(1);
    expect(plan.toPark.map((i) => i.tx.transactionId)).toEqual(['t2']);
    expect(plan.rejections.map((r) => r.reason)).toEqual(['non_positive_amount', 'currency_mismatch']);
  });
});

describe('planIngestion re-deliveries', () => {
  it('should reject a later copy again when the first copy in the chunk was rejected', () => {
    const plan = planIngestion([item({ amountMinor: 0 }), item({ amountMinor: 0 })], context);
    expect(plan.rejections.map((r) => r.reason)).toEqual(['non_positive_amount', 'non_positive_amount']);
    expect(plan.duplicates).toEqual([]);
  });
});

describe('attachOriginals', () => {
  const original: OriginalTransaction = {
    acquirerId: 'a',
    transactionId: 't1',
    merchantId: 'm-1',
    occurredAt: new Date(NOW),
    localDate: '2026-03-01',
    channel: 'credit',
    type: 'purchase',
    status: 'approved',
    amountMinor: 10_000,
    feeMinor: 100,
    reversedBy: null,
    refundedMinor: 0,
  };

  it('should book the exact negation of the original fee when a reversal cancels an approved purchase', () => {
    const priced = planIngestion(
      [item({ transactionId: 'r1', type: 'reversal', originalTransactionId: 't1' })],
      context,
    ).priced;
    const { kept, rejections } = attachOriginals(priced, new Map([['a\u0000t1', original]]));
    expect(rejections).toEqual([]);
    expect(kept[0].feeMinor).toBe(-100);
  });

  it('should park a refund or reversal whose original is missing and reject one already reversed', () => {
    const priced = planIngestion(
      [
        item({ transactionId: 'r1', type: 'reversal', originalTransactionId: 't9' }),
        item({ transactionId: 'f1', type: 'refund', originalTransactionId: 't9' }),
        item({ transactionId: 'r2', type: 'reversal', originalTransactionId: 't1' }),
      ],
      context,
    ).priced;
    const { rejections, awaiting } = attachOriginals(
      priced,
      new Map([['a\u0000t1', { ...original, reversedBy: 'r0' }]]),
    );
    expect(awaiting.map((p) => p.item.tx.transactionId)).toEqual(['r1', 'f1']);
    expect(rejections.map((r) => r.reason)).toEqual(['original_not_found']);
  });

  it('should refuse the refund that would take refunds past the original, counting stored and in-chunk ones', () => {
    const refund = (transactionId: string, amountMinor: number) =>
      item({ transactionId, type: 'refund', originalTransactionId: 't1', amountMinor });
    const priced = planIngestion([refund('f1', 3_000), refund('f2', 2_000), refund('f3', 1)], context).priced;
    const { kept, rejections } = attachOriginals(
      priced,
      new Map([['a\u0000t1', { ...original, refundedMinor: 5_000 }]]),
    );
    expect(kept.map((p) => p.item.tx.transactionId)).toEqual(['f1', 'f2']);
    expect(rejections.map((r) => [r.item.tx.transactionId, r.reason])).toEqual([
      ['f3', 'refund_exceeds_original'],
    ]);
  });

  it('should not count a declined refund against the original', () => {
    const priced = planIngestion(
      [
        item({
          transactionId: 'f1',
          type: 'refund',
          originalTransactionId: 't1',
          amountMinor: 10_000,
          status: 'declined',
        }),
        item({ transactionId: 'f2', type: 'refund', originalTransactionId: 't1', amountMinor: 10_000 }),
      ],
      context,
    ).priced;
    const { kept, rejections } = attachOriginals(priced, new Map([['a\u0000t1', original]]));
    expect(kept).toHaveLength(2);
    expect(rejections).toEqual([]);
  });
});
