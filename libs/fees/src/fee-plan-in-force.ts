import { applyDiscount } from './fee-promotions';
import { FeeRates, STANDARD_FEE_RATES } from './fee-rates';

/**
 * Compensation offered with a fee increase, structurally the contracts' `CompensationOfferV1`:
 * `month_waived` waives every fee for `months` calendar months from the version's effective date;
 * `rebate` is a one-off credit settled outside per-transaction pricing (it does not change rates).
 */
export interface FeeCompensation {
  readonly kind: 'month_waived' | 'rebate';
  /** Months waived, for `month_waived`. */
  readonly months?: number;
  /** Rebate in fen, for `rebate`. */
  readonly amountMinor?: number;
}

/** One version of a merchant's base plan: its terms apply from `effectiveFromMs` until the next version's. */
export interface FeePlanVersionTerms {
  /** Version number; breaks ties between versions with the same effective date (higher wins). */
  readonly planVersion: number;
  /** Inclusive start, epoch ms. */
  readonly effectiveFromMs: number;
  readonly rates: FeeRates;
  /** Compensation that came with this version (an announced increase). */
  readonly compensation?: FeeCompensation | null;
}

/** A promotional overlay: `bpsOff` off every channel rate of whatever base is in force, for a window. */
export interface FeePromotionWindow {
  readonly bpsOff: number;
  /** Inclusive start, epoch ms. */
  readonly startsMs: number;
  /** Exclusive end, epoch ms: the promotion expires by itself. */
  readonly endsMs: number;
}

/** Everything that decides a merchant's fees over time. Order of the arrays does not matter. */
export interface FeePlanSchedule<V extends FeePlanVersionTerms, P extends FeePromotionWindow> {
  readonly versions: readonly V[];
  readonly promotions: readonly P[];
}

/** The plan in force at one instant. */
export interface FeePlanInForce<V extends FeePlanVersionTerms, P extends FeePromotionWindow> {
  /** The base version in force; null before the merchant's first version (the standard plan applies). */
  readonly version: V | null;
  /** The promotion whose window covers the instant, if any. */
  readonly promotion: P | null;
  /** End (exclusive, epoch ms) of the fee waiver covering the instant, or null when fees are not waived. */
  readonly waivedUntilMs: number | null;
  /** The terms at the instant: the version's rates (else the standard plan) less the promotion's discount. */
  readonly rates: FeeRates;
  /** What a transaction at the instant is priced with: `rates`, or zero on every channel while waived. */
  readonly chargedRates: FeeRates;
}

/** Rates of a waived period: nothing on any channel. */
export const WAIVED_FEE_RATES: FeeRates = Object.freeze({
  creditBps: 0,
  debitBps: 0,
  debitCapMinor: 0,
  qrAlipayBps: 0,
  qrWechatBps: 0,
  unionpayQrBps: 0,
});

/**
 * THE plan in force at `atMs`, for the registry (current plan, history) and ingestion (the fee charged):
 *
 * - Base: the version with the latest effective date not after `atMs` (a tie goes to the higher
 *   version number). Effective dates alone decide, never the order versions were written in.
 * - Promotion: an overlay on whatever base is in force, for `startsMs ≤ atMs < endsMs`; it never
 *   rewrites the base, so an increase that takes effect during a promotion is discounted too, and the
 *   base returns by itself at the end. Promotions do not stack: the one that started last applies.
 * - Compensation: while the base version's `month_waived` window covers `atMs`, every fee is waived
 *   (`chargedRates` are zero); the window ends early if a later version supersedes that one.
 *
 * Pure; allocation-free unless a promotion applies.
 */
export function feePlanAt<V extends FeePlanVersionTerms, P extends FeePromotionWindow>(
  schedule: FeePlanSchedule<V, P>,
  atMs: number,
): FeePlanInForce<V, P> {
  const version = versionAt(schedule.versions, atMs);
  const promotion = promotionAt(schedule.promotions, atMs);
  const base = version ? version.rates : STANDARD_FEE_RATES;
  const rates = promotion ? applyDiscount(base, promotion.bpsOff) : base;
  const waiverEnd = version ? feesWaivedUntilMs(version) : null;
  const waivedUntilMs = waiverEnd !== null && atMs < waiverEnd ? waiverEnd : null;
  return {
    version,
    promotion,
    waivedUntilMs,
    rates,
    chargedRates: waivedUntilMs === null ? rates : WAIVED_FEE_RATES,
  };
}

/** The base version in force at `atMs` (latest effective date ≤ atMs, then highest version), or null. */
export function versionAt<V extends FeePlanVersionTerms>(versions: readonly V[], atMs: number): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFromMs > atMs) continue;
    if (!best || supersedes(v, best)) best = v;
  }
  return best;
}

/** The promotion covering `atMs` that started last (ties: the larger discount), or null. */
export function promotionAt<P extends FeePromotionWindow>(promotions: readonly P[], atMs: number): P | null {
  let best: P | null = null;
  for (const p of promotions) {
    if (p.startsMs > atMs || atMs >= p.endsMs) continue;
    if (!best || p.startsMs > best.startsMs || (p.startsMs === best.startsMs && p.bpsOff > best.bpsOff)) {
      best = p;
    }
  }
  return best;
}

/** True when `a` takes precedence over `b` at any instant both are effective. */
function supersedes(a: FeePlanVersionTerms, b: FeePlanVersionTerms): boolean {
  return (
    a.effectiveFromMs > b.effectiveFromMs ||
    (a.effectiveFromMs === b.effectiveFromMs && a.planVersion > b.planVersion)
  );
}

/**
 * End (exclusive, epoch ms) of the fee waiver a version's compensation grants: `months` calendar
 * months after its effective date (UTC; a day past the end of the target month clamps to its last day,
 * so 31 January + 1 month is 28/29 February). Null when the compensation waives nothing.
 */
export function feesWaivedUntilMs(
  version: Pick<FeePlanVersionTerms, 'effectiveFromMs' | 'compensation'>,
): number | null {
  const c = version.compensation;
  if (!c || c.kind !== 'month_waived' || !c.months || c.months < 1) return null;
  return addUtcMonths(version.effectiveFromMs, c.months);
}

/** `ms` plus `months` calendar months in UTC, clamping the day to the target month's length. */
export function addUtcMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return Date.UTC(
    d.getUTCFullYear(),
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** A version with the span it is (or was, or will be) in force, for plan histories. */
export interface FeePlanPeriod<V extends FeePlanVersionTerms> {
  readonly version: V;
  /** Exclusive end: the effective date of the version that supersedes it; null while open-ended. */
  readonly effectiveUntilMs: number | null;
  /** End of its fee waiver, cut short where the period ends; null without a waiver. */
  readonly feesWaivedUntilMs: number | null;
}

/**
 * Every version with its period, in effective order (oldest first), by the same rule as
 * {@link feePlanAt}. A version superseded before its effective date has an empty period
 * (`effectiveUntilMs === effectiveFromMs`).
 */
export function feePlanPeriods<V extends FeePlanVersionTerms>(versions: readonly V[]): FeePlanPeriod<V>[] {
  const ordered = [...versions].sort((a, b) => (supersedes(a, b) ? 1 : supersedes(b, a) ? -1 : 0));
  return ordered.map((version, i) => {
    const next = ordered[i + 1];
    const until = next ? Math.max(next.effectiveFromMs, version.effectiveFromMs) : null;
    const waiver = feesWaivedUntilMs(version);
    const waivedUntil = waiver === null ? null : until === null ? waiver : Math.min(waiver, until);
    return {
      version,
      effectiveUntilMs: until,
      feesWaivedUntilMs: waivedUntil !== null && waivedUntil > version.effectiveFromMs ? waivedUntil : null,
    };
  });
}
