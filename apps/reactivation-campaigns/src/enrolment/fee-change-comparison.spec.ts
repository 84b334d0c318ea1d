import { feeRatesFromTerms } from '@merchant-pulse/fees';
import { compareFeeChange, compensationText } from './fee-change-comparison';

const terms = (credit: number, debit: number, qr: number) =>
  feeRatesFromTerms({
    rates: { credit, debit, qr_alipay: qr, qr_wechat: qr, unionpay_qr: credit },
    debitCapMinor: 2500,
  });

describe(compareFeeChange.name, () => {
  const current = {
    planVersion: 1,
    effectiveFromMs: Date.parse('2026-01-01T00:00:00Z'),
    rates: terms(60, 50, 38),
  };
  const announced = {
    planVersion: 2,
    effectiveFromMs: Date.parse('2026-07-01T00:00:00Z'),
    rates: terms(65, 55, 38),
    compensation: { kind: 'month_waived' as const, months: 1 },
  };
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('should price the merchant’s own mix under old and new rates when it uses credit and QR', () => {
    // credit: 100 × ¥100 → 100 × 60 fen = 6000 old, 100 × 65 = 6500 new; QR: 50 × ¥20 → 50 × 7.6 → 8 fen each = 400 both.
    const result = compareFeeChange(
      { credit: { count: 100, amountMinor: 1_000_000 }, qr_wechat: { count: 50, amountMinor: 100_000 } },
      [current],
      announced,
      now,
    );
    expect(result).toEqual({
      volumeMinor: 1_100_000,
      oldFeeMinor: 6_400,
      newFeeMinor: 6_900,
      increaseMinor: 500,
      firstPeriodChargedMinor: 0,
      rateChanges: 'credit 60→65 bps; qr_wechat 38→38 bps',
    });
  });

  it('should apply the debit cap per transaction when debit tickets are large', () => {
    // 10 debit purchases of ¥10,000: 50 bps = 5000 fen → capped at 2500 each, old and new alike.
    const result = compareFeeChange(
      { debit: { count: 10, amountMinor: 10_000_000 } },
      [current],
      announced,
      now,
    );
    expect(result.oldFeeMinor).toBe(25_000);
    expect(result.newFeeMinor).toBe(25_000);
    expect(result.increaseMinor).toBe(0);
  });

  it('should charge the first period in full when the increase has no compensation', () => {
    const result = compareFeeChange(
      { credit: { count: 1, amountMinor: 10_000 } },
      [current],
      { ...announced, compensation: undefined },
      now,
    );
    expect(result).toMatchObject({ oldFeeMinor: 60, newFeeMinor: 65, firstPeriodChargedMinor: 65 });
  });

  it('should compare against the standard plan when no version was projected', () => {
    const result = compareFeeChange({ credit: { count: 1, amountMinor: 10_000 } }, [], announced, now);
    expect(result.oldFeeMinor).toBe(60);
  });

  it('should describe compensation for templates', () => {
    expect(compensationText({ kind: 'month_waived', months: 1 })).toBe('month_waived:1');
    expect(compensationText({ kind: 'rebate', amountMinor: 5000 })).toBe('rebate:5000');
    expect(compensationText(undefined)).toBe('');
  });
});
