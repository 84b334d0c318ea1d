/**
 * The payment channels a fee is charged on. Mirrors the raw transaction's `channel` field
 * (DESIGN.md, "Raw transaction").
 */
export type FeeChannel = 'credit' | 'debit' | 'qr_alipay' | 'qr_wechat' | 'unionpay_qr';

/** Every {@link FeeChannel}, in a stable order (used for diffs and table tests). */
export const FEE_CHANNELS: readonly FeeChannel[] = Object.freeze([
  'credit',
  'debit',
  'qr_alipay',
  'qr_wechat',
  'unionpay_qr',
]);

/**
 * A fee plan's rates, flat so it maps one-to-one onto table columns and event payloads.
 *
 * Every `*Bps` field is a non-negative integer number of basis points (1 bps = 0.01 %) and at most
 * {@link MAX_RATE_BPS} (a fee never exceeds the amount). `debitCapMinor` is the per-transaction ceiling
 * of a debit fee in fen, a non-negative safe integer; a plan without a cap uses `Number.MAX_SAFE_INTEGER`.
 */
export interface FeeRates {
  /** Credit card rate, bps. */
  readonly creditBps: number;
  /** Debit card rate, bps, before the cap. */
  readonly debitBps: number;
  /** Debit fee ceiling per transaction, fen. */
  readonly debitCapMinor: number;
  /** Alipay QR rate, bps. */
  readonly qrAlipayBps: number;
  /** WeChat Pay QR rate, bps. */
  readonly qrWechatBps: number;
  /** UnionPay QR rate, bps. */
  readonly unionpayQrBps: number;
}

/** A field of {@link FeeRates}. */
export type FeeRateField = keyof FeeRates;

/** The highest accepted rate: 10,000 bps = 100 %. Keeps every fee within the amount, hence a safe integer. */
export const MAX_RATE_BPS = 10_000;

/** Which bps field prices which channel. */
export const RATE_FIELD_BY_CHANNEL: Readonly<Record<FeeChannel, Exclude<FeeRateField, 'debitCapMinor'>>> =
  Object.freeze({
    credit: 'creditBps',
    debit: 'debitBps',
    qr_alipay: 'qrAlipayBps',
    qr_wechat: 'qrWechatBps',
    unionpay_qr: 'unionpayQrBps',
  });

/**
 * The acquirer's published standard plan (DESIGN.md, "Money and fees"): credit 60 bps; debit 50 bps
 * capped at 2500 fen (25 CNY) per transaction; Alipay/WeChat QR 38 bps; UnionPay QR at the credit rate.
 */
export const STANDARD_FEE_RATES: FeeRates = Object.freeze({
  creditBps: 60,
  debitBps: 50,
  debitCapMinor: 2500,
  qrAlipayBps: 38,
  qrWechatBps: 38,
  unionpayQrBps: 60,
});

/** True when `value` is a valid rate in bps: an integer in [0, {@link MAX_RATE_BPS}]. */
export function isValidRateBps(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_RATE_BPS;
}

/** True when `value` is a valid debit cap: a non-negative safe integer number of fen. */
export function isValidCapMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Throws a RangeError naming the first invalid field, so a fee plan is rejected at the boundary
 * (HTTP body, event payload) rather than at the first transaction priced with it.
 */
export function assertValidFeeRates(rates: FeeRates): void {
  for (const channel of FEE_CHANNELS) {
    const field = RATE_FIELD_BY_CHANNEL[channel];
    if (!isValidRateBps(rates[field])) {
      throw new RangeError(`${field} must be an integer number of bps in [0, ${MAX_RATE_BPS}]`);
    }
  }
  if (!isValidCapMinor(rates.debitCapMinor)) {
    throw new RangeError('debitCapMinor must be a non-negative safe integer number of fen');
  }
}
