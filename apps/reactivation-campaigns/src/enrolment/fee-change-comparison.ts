import {
  computeFeeMinor,
  FEE_CHANNELS,
  FeeCompensation,
  feePlanAt,
  FeePlanVersionTerms,
  FeeRates,
  RATE_FIELD_BY_CHANNEL,
} from '@merchant-pulse/fees';

/** The merchant's own approved purchases per channel over the trailing window (its channel mix). */
export type ChannelTotals = Record<string, { count: number; amountMinor: number }>;

/** Old vs new cost on the merchant's own channel mix: the variables of a fee-change notice. */
export interface FeeChangeComparison {
  /** Approved volume of the window, fen. */
  volumeMinor: number;
  /** Fees of that volume under the plan in force now, fen. */
  oldFeeMinor: number;
  /** Fees of the same volume under the announced plan, fen. */
  newFeeMinor: number;
  /** newFeeMinor − oldFeeMinor, fen. */
  increaseMinor: number;
  /** Fees of the same volume in the announced plan's first period as charged (0 while a month is waived), fen. */
  firstPeriodChargedMinor: number;
  /** Per channel used: `credit 60→65 bps`, joined with `; `. */
  rateChanges: string;
}

/**
 * Prices the merchant's own window of purchases under the plan in force at `nowMs` and under the
 * announced version (its effective date), with the shared fee functions (`feePlanAt`, `computeFeeMinor`:
 * half away from zero, debit cap per transaction). Each channel is priced as `count` transactions of its
 * average ticket, so the debit cap applies per transaction as it would in ingestion.
 */
export function compareFeeChange(
  totals: ChannelTotals,
  versions: readonly FeePlanVersionTerms[],
  announced: FeePlanVersionTerms,
  nowMs: number,
): FeeChangeComparison {
  const before = feePlanAt({ versions, promotions: [] }, nowMs).rates;
  const after = feePlanAt({ versions: [...versions, announced], promotions: [] }, announced.effectiveFromMs);
  let volumeMinor = 0;
  const changes: string[] = [];
  for (const channel of FEE_CHANNELS) {
    const t = totals[channel];
    if (!t || t.count === 0) continue;
    volumeMinor += t.amountMinor;
    const field = RATE_FIELD_BY_CHANNEL[channel];
    changes.push(`${channel} ${before[field]}→${after.rates[field]} bps`);
  }
  const priced = (rates: FeeRates): number =>
    FEE_CHANNELS.reduce((sum, channel) => {
      const t = totals[channel];
      if (!t || t.count === 0) return sum;
      return sum + t.count * computeFeeMinor(Math.round(t.amountMinor / t.count), channel, rates);
    }, 0);
  const oldFeeMinor = priced(before);
  const newFeeMinor = priced(after.rates);
  return {
    volumeMinor,
    oldFeeMinor,
    newFeeMinor,
    increaseMinor: newFeeMinor - oldFeeMinor,
    firstPeriodChargedMinor: priced(after.chargedRates),
    rateChanges: changes.join('; '),
  };
}

/** Human-readable compensation for templates: `month_waived:1`, `rebate:5000`, or empty. */
export function compensationText(c: FeeCompensation | null | undefined): string {
  if (!c) return '';
  return c.kind === 'month_waived' ? `month_waived:${c.months ?? 1}` : `rebate:${c.amountMinor ?? 0}`;
}
