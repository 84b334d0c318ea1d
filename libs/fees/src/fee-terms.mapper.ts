import { assertValidFeeRates, FEE_CHANNELS, FeeChannel, FeeRates, RATE_FIELD_BY_CHANNEL } from './fee-rates';

/**
 * The per-channel shape fee plans travel in on the wire (contracts' `FeePlanTermsV1`:
 * `{ rates: { credit, debit, qr_alipay, qr_wechat, unionpay_qr }, debitCapMinor }`), declared
 * structurally so this lib does not depend on the event classes.
 */
export interface PerChannelFeeTerms {
  /** Rate per channel, bps. */
  readonly rates: Readonly<Record<FeeChannel, number>>;
  /** Debit fee ceiling per transaction, fen. */
  readonly debitCapMinor: number;
}

/**
 * {@link FeeRates} from wire-shaped terms; convert once when a plan is loaded, not per transaction.
 * @throws RangeError when a rate or the cap is invalid.
 */
export function feeRatesFromTerms(terms: PerChannelFeeTerms): FeeRates {
  const rates: FeeRates = {
    creditBps: terms.rates.credit,
    debitBps: terms.rates.debit,
    debitCapMinor: terms.debitCapMinor,
    qrAlipayBps: terms.rates.qr_alipay,
    qrWechatBps: terms.rates.qr_wechat,
    unionpayQrBps: terms.rates.unionpay_qr,
  };
  assertValidFeeRates(rates);
  return rates;
}

/** Wire-shaped terms from {@link FeeRates}. */
export function feeRatesToTerms(rates: FeeRates): PerChannelFeeTerms {
  const perChannel = Object.fromEntries(
    FEE_CHANNELS.map((channel) => [channel, rates[RATE_FIELD_BY_CHANNEL[channel]]]),
  ) as Record<FeeChannel, number>;
  return { rates: perChannel, debitCapMinor: rates.debitCapMinor };
}
