import { computeFeeMinor } from './compute-fee';
import { feeForTransaction, reversalFeeMinor } from './fee-for-transaction';
import { STANDARD_FEE_RATES } from './fee-rates';

const rates = STANDARD_FEE_RATES;

describe(feeForTransaction.name, () => {
  it('should charge the channel fee when the transaction is a purchase', () => {
    expect(feeForTransaction({ type: 'purchase', amountMinor: 250, channel: 'credit' }, rates)).toBe(2);
    expect(feeForTransaction({ type: 'purchase', amountMinor: 10_000_000, channel: 'debit' }, rates)).toBe(
      2500,
    );
  });

  it('should keep the fee (return 0) when the transaction is a refund under the default policy', () => {
    expect(feeForTransaction({ type: 'refund', amountMinor: 10_000, channel: 'credit' }, rates)).toBe(0);
    expect(
      feeForTransaction({ type: 'refund', amountMinor: 10_000, channel: 'credit' }, rates, {
        refundsReturnFee: false,
      }),
    ).toBe(0);
  });

  it('should return the negated fee on the refunded amount when refunds return the fee', () => {
    const policy = { refundsReturnFee: true };
    expect(feeForTransaction({ type: 'refund', amountMinor: 10_000, channel: 'credit' }, rates, policy)).toBe(
      -60,
    );
    expect(
      feeForTransaction({ type: 'refund', amountMinor: 2500, channel: 'qr_wechat' }, rates, policy),
    ).toBe(-10);
    expect(
      feeForTransaction({ type: 'refund', amountMinor: 9_000_000, channel: 'debit' }, rates, policy),
    ).toBe(-2500);
    expect(
      Object.is(feeForTransaction({ type: 'refund', amountMinor: 1, channel: 'credit' }, rates, policy), 0),
    ).toBe(true);
  });

  it('should return 0 when the transaction is a reversal, whatever the policy', () => {
    expect(feeForTransaction({ type: 'reversal', amountMinor: 10_000, channel: 'credit' }, rates)).toBe(0);
    expect(
      feeForTransaction({ type: 'reversal', amountMinor: 10_000, channel: 'credit' }, rates, {
        refundsReturnFee: true,
      }),
    ).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('should throw RangeError when the amount is %p', (amountMinor) => {
    for (const type of ['purchase', 'refund', 'reversal'] as const) {
      expect(() => feeForTransaction({ type, amountMinor, channel: 'credit' }, rates)).toThrow(RangeError);
    }
  });

  it('should throw RangeError when the type or channel is unknown', () => {
    expect(() =>
      feeForTransaction({ type: 'chargeback' as any, amountMinor: 1, channel: 'credit' }, rates),
    ).toThrow(/Unknown transaction type/);
    expect(() =>
      feeForTransaction({ type: 'refund', amountMinor: 1, channel: 'amex' as any }, rates),
    ).toThrow(RangeError);
  });
});

describe(reversalFeeMinor.name, () => {
  it('should net the original fee to zero when booked against it', () => {
    const original = computeFeeMinor(123_457, 'credit', rates);
    expect(original).toBe(741);
    expect(original + reversalFeeMinor(original)).toBe(0);
    expect(reversalFeeMinor(-60)).toBe(60);
  });

  it('should return +0 when the original fee is zero', () => {
    expect(Object.is(reversalFeeMinor(0), 0)).toBe(true);
  });

  it('should throw RangeError when the original fee is not a safe integer', () => {
    expect(() => reversalFeeMinor(0.5)).toThrow(RangeError);
  });
});
