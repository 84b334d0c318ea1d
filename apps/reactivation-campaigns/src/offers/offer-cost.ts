import {
  applyDiscount,
  computeFeeMinor,
  FEE_CHANNELS,
  FeeChannel,
  FeeRates,
  STANDARD_FEE_RATES,
} from '@merchant-pulse/fees';
import type { MerchantContext } from '../merchants/merchant-context';
import type { OfferSpec } from '../outreach/outreach-scheduler';

/** Days of MerchantContext's trailing volume and fee figures. */
const TRAILING_DAYS = 30;

/** What a fee offer becomes in the registry: X bps off for N days (a waived month is 100% off for 30 days). */
export function promotionOf(offer: OfferSpec): { bpsOff: number; days: number } | null {
  if (offer.kind === 'fee_discount') return { bpsOff: offer.discountBps, days: offer.days };
  if (offer.kind === 'month_waived') return { bpsOff: 10_000, days: 30 };
  return null;
}

/**
 * Fees in fen on `volumeMinor` spread over the merchant's own channel mix (all credit when the mix is
 * unknown). Volume is aggregated, so the per-transaction debit cap cannot be applied: debit is priced
 * uncapped, which over-states debit fees for tickets above the cap — conservative for a guardrail.
 */
export function feesOnMix(volumeMinor: number, channelMix: Record<string, number>, rates: FeeRates): number {
  const uncapped: FeeRates = { ...rates, debitCapMinor: Number.MAX_SAFE_INTEGER };
  const mix = Object.entries(channelMix).filter(
    (entry): entry is [FeeChannel, number] =>
      FEE_CHANNELS.includes(entry[0] as FeeChannel) && Number.isFinite(entry[1]) && entry[1] > 0,
  );
  if (mix.length === 0) return computeFeeMinor(Math.round(volumeMinor), 'credit', uncapped);
  const total = mix.reduce((sum, [, share]) => sum + share, 0);
  return mix.reduce(
    (sum, [channel, share]) =>
      sum + computeFeeMinor(Math.round((volumeMinor * share) / total), channel, uncapped),
    0,
  );
}

/**
 * Expected cost of an offer in fen: the fees the acquirer gives up if the merchant keeps its trailing
 * volume and mix for the offer's duration, priced with libs/fees (base plan `rates`, standard by default).
 * Device checks and training cost no fee revenue (their cost is operational): 0 here.
 */
export function estimateOfferCostMinor(
  offer: OfferSpec,
  context: Pick<MerchantContext, 'channelMix' | 'trailingVolumeMinor'>,
  rates: FeeRates = STANDARD_FEE_RATES,
): number {
  const promotion = promotionOf(offer);
  if (!promotion) return 0;
  const volume = (Math.max(0, context.trailingVolumeMinor) * promotion.days) / TRAILING_DAYS;
  const full = feesOnMix(volume, context.channelMix, rates);
  const discounted = feesOnMix(
    volume,
    context.channelMix,
    applyDiscount(rates, Math.min(promotion.bpsOff, 10_000)),
  );
  return Math.max(0, full - discounted);
}

/** The margin guardrail's verdict. */
export interface OfferCheck {
  allowed: boolean;
  estimatedCostMinor: number;
  /** Most the offer may cost: the configured share of the trailing 30-day fee revenue. */
  maxCostMinor: number;
}

/** Margin guardrail: refuse an offer whose expected cost exceeds `maxShare` of trailing fee revenue. */
export function checkOfferMargin(
  offer: OfferSpec,
  context: Pick<MerchantContext, 'channelMix' | 'trailingVolumeMinor' | 'trailingFeeMinor'>,
  maxShare: number,
  rates: FeeRates = STANDARD_FEE_RATES,
): OfferCheck {
  const estimatedCostMinor = estimateOfferCostMinor(offer, context, rates);
  const maxCostMinor = Math.floor(Math.max(0, context.trailingFeeMinor) * maxShare);
  return { allowed: estimatedCostMinor <= maxCostMinor, estimatedCostMinor, maxCostMinor };
}

/**
 * A fee-change notice's comparison on the merchant's own mix: monthly fees at the trailing volume under
 * the old and the new rates, in fen and as yuan text for templates (`oldMonthlyFeeYuan`, `newMonthlyFeeYuan`).
 */
export function monthlyFeeComparison(
  context: Pick<MerchantContext, 'channelMix' | 'trailingVolumeMinor'>,
  oldRates: FeeRates,
  newRates: FeeRates,
): {
  oldMonthlyFeeMinor: number;
  newMonthlyFeeMinor: number;
  oldMonthlyFeeYuan: string;
  newMonthlyFeeYuan: string;
} {
  const oldMonthlyFeeMinor = feesOnMix(context.trailingVolumeMinor, context.channelMix, oldRates);
  const newMonthlyFeeMinor = feesOnMix(context.trailingVolumeMinor, context.channelMix, newRates);
  return {
    oldMonthlyFeeMinor,
    newMonthlyFeeMinor,
    oldMonthlyFeeYuan: (oldMonthlyFeeMinor / 100).toFixed(2),
    newMonthlyFeeYuan: (newMonthlyFeeMinor / 100).toFixed(2),
  };
}
