import {
  assertValidFeeRates,
  FEE_CHANNELS,
  FeeChannel,
  FeeRateField,
  FeeRates,
  RATE_FIELD_BY_CHANNEL,
} from './fee-rates';

/** One changed field between two fee plans. */
export interface FeeRateChange {
  /** The channel the field prices (`debitCapMinor` belongs to `debit`). */
  readonly channel: FeeChannel;
  /** The changed field. */
  readonly field: FeeRateField;
  /** The old value (bps, or fen for the cap). */
  readonly from: number;
  /** The new value (bps, or fen for the cap). */
  readonly to: number;
  /** Whether the merchant pays more (`increase`) or less (`decrease`) on this field. */
  readonly direction: 'increase' | 'decrease';
}

/**
 * A promotional plan: `bpsOff` taken off every channel's rate, floored at 0 bps; the debit cap is
 * unchanged (a discount never raises a fee, so no advance notice is needed — see {@link isRateIncrease}).
 * @throws RangeError when `bpsOff` is not a non-negative integer or `rates` are invalid.
 */
export function applyDiscount(rates: FeeRates, bpsOff: number): FeeRates {
  assertValidFeeRates(rates);
  if (!Number.isInteger(bpsOff) || bpsOff < 0) {
    throw new RangeError(`bpsOff must be a non-negative integer, got ${bpsOff}`);
  }
  const off = (bps: number): number => Math.max(0, bps - bpsOff);
  return {
    creditBps: off(rates.creditBps),
    debitBps: off(rates.debitBps),
    debitCapMinor: rates.debitCapMinor,
    qrAlipayBps: off(rates.qrAlipayBps),
    qrWechatBps: off(rates.qrWechatBps),
    unionpayQrBps: off(rates.unionpayQrBps),
  };
}

/**
 * Every field that differs between `from` and `to`, in {@link FEE_CHANNELS} order (the debit cap right
 * after the debit rate). Empty when the plans price identically.
 * @throws RangeError when either plan is invalid.
 */
export function diffRates(from: FeeRates, to: FeeRates): FeeRateChange[] {
  assertValidFeeRates(from);
  assertValidFeeRates(to);
  const changes: FeeRateChange[] = [];
  const compare = (channel: FeeChannel, field: FeeRateField): void => {
    if (from[field] !== to[field]) {
      const direction = to[field] > from[field] ? 'increase' : 'decrease';
      changes.push({ channel, field, from: from[field], to: to[field], direction });
    }
  };
  for (const channel of FEE_CHANNELS) {
    compare(channel, RATE_FIELD_BY_CHANNEL[channel]);
    if (channel === 'debit') compare(channel, 'debitCapMinor');
  }
  return changes;
}

/**
 * True when moving from `from` to `to` raises any channel's rate or the debit cap, i.e. some
 * transaction would cost the merchant more. The registry requires advance notice (FeeChangeAnnounced)
 * for such a change, even when other channels get cheaper.
 */
export function isRateIncrease(from: FeeRates, to: FeeRates): boolean {
  return diffRates(from, to).some((change) => change.direction === 'increase');
}
