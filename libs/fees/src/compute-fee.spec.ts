import { computeFeeMinor } from './compute-fee';
import { FeeChannel, FeeRates, STANDARD_FEE_RATES } from './fee-rates';

const rates = STANDARD_FEE_RATES;

describe(computeFeeMinor.name, () => {
  // [amountMinor, exact fee in fen before rounding, expected fee]
  const boundaries: Record<FeeChannel, Array<[number, string, number]>> = {
    // 60 bps: the fee is amount × 0.006, so x.5 fen falls on amount = 250 + 500k (250 → 1.5).
    credit: [
      [83, '0.498', 0],
      [84, '0.504', 1],
      [249, '1.494', 1],
      [250, '1.5', 2],
      [251, '1.506', 2],
      [750, '4.5', 5],
      [10_000, '60', 60],
    ],
    // 50 bps: amount / 200, so x.5 fen falls on amount = 100 + 200k.
    debit: [
      [99, '0.495', 0],
      [100, '0.5', 1],
      [101, '0.505', 1],
      [299, '1.495', 1],
      [300, '1.5', 2],
      [301, '1.505', 2],
    ],
    // 38 bps: x.5 fen first falls on amount = 2500 (9.5), then every 5000.
    qr_alipay: [
      [2499, '9.4962', 9],
      [2500, '9.5', 10],
      [2501, '9.5038', 10],
      [7500, '28.5', 29],
    ],
    qr_wechat: [
      [2499, '9.4962', 9],
      [2500, '9.5', 10],
      [2501, '9.5038', 10],
      [7500, '28.5', 29],
    ],
    unionpay_qr: [
      [249, '1.494', 1],
      [250, '1.5', 2],
      [251, '1.506', 2],
    ],
  };

  for (const [channel, cases] of Object.entries(boundaries) as Array<
    [FeeChannel, Array<[number, string, number]>]
  >) {
    it.each(cases)(
      `should round half away from zero on ${channel} when the amount is %i fen (%s fen exact)`,
      (amount, _exact, expected) => {
        expect(computeFeeMinor(amount, channel, rates)).toBe(expected);
        expect(computeFeeMinor(-amount, channel, rates)).toBe(expected === 0 ? 0 : -expected);
      },
    );
  }

  it.each([
    [499_899, 2499], // 2499.495 → 2499
    [499_900, 2500], // 2499.5 → 2500: the first amount whose fee reaches the cap
    [500_000, 2500], // exactly 2500
    [500_099, 2500], // 2500.495 → 2500
    [500_100, 2500], // 2500.5 → 2501, capped
    [500_300, 2500], // 2501.5 → 2502, capped
    [Number.MAX_SAFE_INTEGER, 2500],
  ])('should cap the debit fee at 2500 fen when the amount is %i fen', (amount, expected) => {
    expect(computeFeeMinor(amount, 'debit', rates)).toBe(expected);
    expect(computeFeeMinor(-amount, 'debit', rates)).toBe(-expected);
  });

  it('should not cap credit or QR fees when they exceed the debit cap', () => {
    expect(computeFeeMinor(1_000_000, 'credit', rates)).toBe(6000);
    expect(computeFeeMinor(1_000_000, 'unionpay_qr', rates)).toBe(6000);
    expect(computeFeeMinor(1_000_000, 'qr_alipay', rates)).toBe(3800);
  });

  it('should apply a plan-specific debit cap after rounding when the cap differs from the standard', () => {
    const tight: FeeRates = { ...rates, debitCapMinor: 1 };
    expect(computeFeeMinor(100, 'debit', tight)).toBe(1); // 0.5 → 1, at the cap
    expect(computeFeeMinor(300, 'debit', tight)).toBe(1); // 1.5 → 2, capped to 1
    expect(computeFeeMinor(300, 'debit', { ...rates, debitCapMinor: 0 })).toBe(0);
  });

  it.each(['credit', 'debit', 'qr_alipay', 'qr_wechat', 'unionpay_qr'] as FeeChannel[])(
    'should return +0 when the amount is zero or one fen on %s',
    (channel) => {
      expect(Object.is(computeFeeMinor(0, channel, rates), 0)).toBe(true);
      expect(Object.is(computeFeeMinor(-0, channel, rates), 0)).toBe(true);
      expect(Object.is(computeFeeMinor(1, channel, rates), 0)).toBe(true);
      expect(Object.is(computeFeeMinor(-1, channel, rates), 0)).toBe(true);
    },
  );

  it('should be exact when the amount is large', () => {
    expect(computeFeeMinor(1_000_000_000, 'qr_alipay', rates)).toBe(3_800_000);
    expect(computeFeeMinor(1_000_000_001, 'qr_wechat', rates)).toBe(3_800_000);
    // 9007199254740991 × 0.006 = 54043195528445.946
    expect(computeFeeMinor(Number.MAX_SAFE_INTEGER, 'credit', rates)).toBe(54_043_195_528_446);
    expect(computeFeeMinor(-Number.MAX_SAFE_INTEGER, 'credit', rates)).toBe(-54_043_195_528_446);
    expect(computeFeeMinor(Number.MAX_SAFE_INTEGER, 'credit', { ...rates, creditBps: 10_000 })).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('should be exact when naive floating-point rounding would be off by one fen', () => {
    // 9007199254740921 × 0.0038 = 34227357168015.4998: Math.round(a * 38 / 10000) gives …016.
    expect(Math.round((9_007_199_254_740_921 * 38) / 10_000)).toBe(34_227_357_168_016);
    expect(computeFeeMinor(9_007_199_254_740_921, 'qr_alipay', rates)).toBe(34_227_357_168_015);
  });

  it('should charge nothing when the rate is zero', () => {
    expect(computeFeeMinor(123_456_789, 'credit', { ...rates, creditBps: 0 })).toBe(0);
  });

  it.each([
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 1,
    -Number.MAX_SAFE_INTEGER - 1,
  ])('should throw RangeError when the amount is %p', (amount) => {
    expect(() => computeFeeMinor(amount, 'credit', rates)).toThrow(RangeError);
  });

  it('should throw RangeError when the amount is not a number', () => {
    expect(() => computeFeeMinor('100' as any, 'credit', rates)).toThrow(RangeError);
  });

  it('should throw RangeError when the channel is unknown', () => {
    expect(() => computeFeeMinor(100, 'amex' as any, rates)).toThrow(/Unknown fee channel "amex"/);
  });

  it.each([
    ['creditBps', 'credit', -1],
    ['creditBps', 'credit', 1.5],
    ['creditBps', 'credit', 10_001],
    ['qrAlipayBps', 'qr_alipay', Number.NaN],
    ['qrWechatBps', 'qr_wechat', '38'],
    ['unionpayQrBps', 'unionpay_qr', undefined],
    ['debitBps', 'debit', -50],
    ['debitCapMinor', 'debit', -1],
    ['debitCapMinor', 'debit', 2500.5],
    ['debitCapMinor', 'debit', Number.POSITIVE_INFINITY],
  ])('should throw RangeError when %s is %p', (field, channel, value) => {
    const bad = { ...rates, [field]: value } as FeeRates;
    expect(() => computeFeeMinor(100, channel as FeeChannel, bad)).toThrow(RangeError);
  });
});
