import { STANDARD_FEE_RATES } from './fee-rates';
import { feeRatesFromTerms, feeRatesToTerms } from './fee-terms.mapper';

const standardTerms = {
  rates: { credit: 60, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
  debitCapMinor: 2500,
};

describe(feeRatesFromTerms.name, () => {
  it('should map wire terms field by field when the terms are the standard plan', () => {
    expect(feeRatesFromTerms(standardTerms)).toEqual(STANDARD_FEE_RATES);
  });

  it('should map each channel to its own field when every rate differs', () => {
    const terms = {
      rates: { credit: 1, debit: 2, qr_alipay: 3, qr_wechat: 4, unionpay_qr: 5 },
      debitCapMinor: 6,
    };
    expect(feeRatesFromTerms(terms)).toEqual({
      creditBps: 1,
      debitBps: 2,
      qrAlipayBps: 3,
      qrWechatBps: 4,
      unionpayQrBps: 5,
      debitCapMinor: 6,
    });
    expect(feeRatesToTerms(feeRatesFromTerms(terms))).toEqual(terms);
  });

  it('should throw RangeError when a wire rate is invalid', () => {
    expect(() =>
      feeRatesFromTerms({ ...standardTerms, rates: { ...standardTerms.rates, qr_wechat: -1 } }),
    ).toThrow(/qrWechatBps/);
  });
});

describe(feeRatesToTerms.name, () => {
  it('should produce the wire shape when given the standard rates', () => {
    expect(feeRatesToTerms(STANDARD_FEE_RATES)).toEqual(standardTerms);
  });
});
