import { Injectable } from '@nestjs/common';
import type { FeeRates } from '@merchant-pulse/fees';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import type { MerchantContext } from '../merchants/merchant-context';
import type { OfferSpec } from '../outreach/outreach-scheduler';
import { checkOfferMargin, estimateOfferCostMinor, OfferCheck } from './offer-cost';

/**
 * The margin guardrail with the configured share (OFFER_MAX_COST_SHARE): the campaign side calls it at
 * preview and launch, outreach at send (grantedAtSend) and at acceptance.
 */
@Injectable()
export class OfferCostEstimator {
  constructor(private readonly config: ReactivationCampaignsConfig) {}

  estimate(offer: OfferSpec, context: MerchantContext, rates?: FeeRates): number {
    return estimateOfferCostMinor(offer, context, rates);
  }

  check(offer: OfferSpec, context: MerchantContext, rates?: FeeRates): OfferCheck {
    return checkOfferMargin(offer, context, this.config.OFFER_MAX_COST_SHARE, rates);
  }
}
