import { applyDiscount, diffRates, isRateIncrease } from './fee-promotions';
import { FeeRates, STANDARD_FEE_RATES } from './fee-rates';

const standard = STANDARD_FEE_RATES;

describe(applyDiscount.name, () => {
  it('should take the discount off every rate and keep the cap when the discount is smaller than every rate', () => {
    expect(applyDiscount(standard, 10)).toEqual({
      creditBps: 50,
      debitBps: 40,
      debitCapMinor: 2500,
      qrAlipayBps: 28,
      qrWechatBps: 28,
      unionpayQrBps: 50,
    });
  });

  it('should floor rates at zero when the discount exceeds a rate', () => {
    expect(applyDiscount(standard, 50)).toEqual({
      creditBps: 10,
      debitBps: 0,
      debitCapMinor: 2500,
      qrAlipayBps: 0,
      qrWechatBps: 0,
      unionpayQrBps: 10,
    });
  });

  it('should return equal rates without mutating the input when the discount is zero', () => {
    const copy = { ...standard };
    const result = applyDiscount(copy, 0);
    expect(result).toEqual(standard);
    expect(result).not.toBe(copy);
    expect(copy).toEqual(standard);
  });

  it.each([-1, 1.5, Number.NaN])('should throw RangeError when bpsOff is %p', (bpsOff) => {
    expect(() => applyDiscount(standard, bpsOff)).toThrow(RangeError);
  });

  it('should throw RangeError when the rates are invalid', () => {
    expect(() => applyDiscount({ ...standard, creditBps: -5 }, 1)).toThrow(/creditBps/);
  });

  it('should never count as a rate increase when applied', () => {
    expect(isRateIncrease(standard, applyDiscount(standard, 25))).toBe(false);
  });
});

describe(diffRates.name, () => {
  it('should list nothing when the plans are identical', () => {
    expect(diffRates(standard, { ...standard })).toEqual([]);
  });

  it('should list every changed field with its channel and direction in channel order', () => {
    const to: FeeRates = { ...standard, unionpayQrBps: 55, debitCapMinor: 3000, creditBps: 65 };
    expect(diffRates(standard, to)).toEqual([
      { channel: 'credit', field: 'creditBps', from: 60, to: 65, direction: 'increase' },
      { channel: 'debit', field: 'debitCapMinor', from: 2500, to: 3000, direction: 'increase' },
      { channel: 'unionpay_qr', field: 'unionpayQrBps', from: 60, to: 55, direction: 'decrease' },
    ]);
  });

  it('should throw RangeError when either plan is invalid', () => {
    expect(() => diffRates(standard, { ...standard, debitCapMinor: -1 })).toThrow(RangeError);
  });
});

describe(isRateIncrease.name, () => {
  it.each([
    ['creditBps', 61],
    ['debitBps', 51],
    ['debitCapMinor', 2501],
    ['qrAlipayBps', 39],
    ['qrWechatBps', 39],
    ['unionpayQrBps', 61],
  ])('should be true when %s goes up to %i', (field, value) => {
    expect(isRateIncrease(standard, { ...standard, [field]: value })).toBe(true);
  });

  it('should be true when one channel goes up even though others go down', () => {
    expect(isRateIncrease(standard, { ...standard, creditBps: 40, qrWechatBps: 39 })).toBe(true);
  });

  it('should be false when rates go down or stay the same', () => {
    expect(isRateIncrease(standard, standard)).toBe(false);
    expect(isRateIncrease(standard, { ...standard, debitBps: 45, debitCapMinor: 2000 })).toBe(false);
  });
});
