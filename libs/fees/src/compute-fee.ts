import { FeeChannel, FeeRates, isValidCapMinor, isValidRateBps } from './fee-rates';

const BPS_PER_UNIT = 10_000;
const HALF_BPS_UNIT = 5_000;

/**
 * The fee in fen on `amountMinor` fen paid through `channel` under `rates`.
 *
 * - Rounded half away from zero to the fen (`amount × bps / 10000`, so 0.5 fen rounds up in magnitude).
 * - Debit: the cap applies after rounding, to the magnitude.
 * - Sign-symmetric: `computeFeeMinor(-a) === -computeFeeMinor(a)` (never `-0`). Whether a refund
 *   gives the fee back is the caller's policy — see {@link feeForTransaction}.
 * - Exact for every safe-integer amount: products stay below 2^53 and the one division is provably
 *   exact (see {@link FAST_PATH_MAX_PRODUCT}); tests check it against a BigInt reference.
 * - Allocation-free; ingestion calls it per transaction.
 *
 * @throws RangeError when `amountMinor` is not a safe integer, `channel` is unknown, or the rate used
 *   (and for debit the cap) is not a valid non-negative integer (see {@link FeeRates}).
 */
export function computeFeeMinor(amountMinor: number, channel: FeeChannel, rates: FeeRates): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer number of fen, got ${amountMinor}`);
  }
  const bps = rateBpsFor(channel, rates);
  const magnitude = amountMinor < 0 ? -amountMinor : amountMinor;
  let fee = proportionalFeeMinor(magnitude, bps);
  if (channel === 'debit') {
    const cap = rates.debitCapMinor;
    if (!isValidCapMinor(cap)) throw new RangeError(`debitCapMinor must be a non-negative safe integer`);
    if (fee > cap) fee = cap;
  }
  // `0 - fee` rather than `-fee` so a zero fee on a refund is +0, not -0.
  return amountMinor < 0 ? 0 - fee : fee;
}

/** The validated rate in bps that prices `channel`. */
function rateBpsFor(channel: FeeChannel, rates: FeeRates): number {
  let bps: number;
  switch (channel) {
    case 'credit':
      bps = rates.creditBps;
      break;
    case 'debit':
      bps = rates.debitBps;
      break;
    case 'qr_alipay':
      bps = rates.qrAlipayBps;
      break;
    case 'qr_wechat':
      bps = rates.qrWechatBps;
      break;
    case 'unionpay_qr':
      bps = rates.unionpayQrBps;
      break;
    default:
      throw new RangeError(`Unknown fee channel "${String(channel)}"`);
  }
  if (!isValidRateBps(bps)) throw new RangeError(`The ${channel} rate must be an integer in [0, 10000] bps`);
  return bps;
}

/**
 * Products up to 2^49 take the float fast path: the product and `product + 5000` are exact integers
 * (< 2^53), and the quotient by 10000 is below 2^36, where half an ulp (≤ 2^-17) is smaller than the
 * 1/10000 that separates a non-integer quotient from the next integer, so `Math.floor` is exact.
 */
const FAST_PATH_MAX_PRODUCT = 2 ** 49;

/** round-half-up(magnitude × bps / 10000) for magnitude ≥ 0 and 0 ≤ bps ≤ 10000, exactly. */
function proportionalFeeMinor(magnitude: number, bps: number): number {
  const product = magnitude * bps;
  if (product <= FAST_PATH_MAX_PRODUCT) return Math.floor((product + HALF_BPS_UNIT) / BPS_PER_UNIT);
  return splitProportionalFeeMinor(magnitude, bps);
}

/**
 * The same for any safe magnitude: magnitude = whole × 10000 + rest, so the product splits into
 * `whole × bps` (≤ magnitude, safe) and `rest × bps` (< 10^8), and only the small part is divided.
 */
function splitProportionalFeeMinor(magnitude: number, bps: number): number {
  const rest = magnitude % BPS_PER_UNIT;
  const whole = (magnitude - rest) / BPS_PER_UNIT;
  const restProduct = rest * bps;
  const restRemainder = restProduct % BPS_PER_UNIT;
  const restFee = (restProduct - restRemainder) / BPS_PER_UNIT;
  return whole * bps + restFee + (restRemainder >= HALF_BPS_UNIT ? 1 : 0);
}
