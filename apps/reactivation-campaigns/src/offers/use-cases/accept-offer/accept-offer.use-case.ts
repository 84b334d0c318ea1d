import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v7 as uuidv7 } from 'uuid';
import { MerchantContextReader } from '../../../merchants/merchant-context';
import type { OfferSpec } from '../../../outreach/outreach-scheduler';
import { MerchantRegistryClient } from '../../../registry/merchant-registry.client';
import {
  OfferAcceptance,
  OfferAcceptanceRepository,
  AcceptanceSource,
} from '../../offer-acceptance.repository';
import { promotionOf } from '../../offer-cost';
import { OfferCostEstimator } from '../../offer-cost.estimator';
import { MerchantFeeRates } from '../../merchant-fee-rates';

/** Accept the offer of one step of one merchant's sequence. */
export interface AcceptOfferCommand {
  campaignId: string;
  merchantId: string;
  stepIndex: number;
  offer: OfferSpec;
  source: AcceptanceSource;
}

/**
 * Accepting an offer applies it: a fee offer becomes a temporary promotion in the registry (which ends it
 * by itself), after the margin guardrail. Idempotent: one acceptance per (campaign, merchant, step);
 * the registry promotion carries the acceptance id in its reason, so a retry after the registry granted
 * but before this service recorded it finds the promotion instead of granting a second one.
 */
@Injectable()
export class AcceptOfferUseCase {
  constructor(
    private readonly acceptances: OfferAcceptanceRepository,
    private readonly registry: MerchantRegistryClient,
    private readonly contexts: MerchantContextReader,
    private readonly estimator: OfferCostEstimator,
    private readonly feeRates: MerchantFeeRates,
    private readonly clock: Clock,
  ) {}

  async execute(command: AcceptOfferCommand): Promise<OfferAcceptance> {
    const context = await this.contexts.read(command.merchantId);
    const now = this.clock.now();
    // Priced on the merchant's own plan (a discounted merchant gives up less per bps than a standard one).
    const check = context
      ? this.estimator.check(command.offer, context, (await this.feeRates.of(command.merchantId, now)).rates)
      : { allowed: false, estimatedCostMinor: 0, maxCostMinor: 0 };
    const stored = await this.acceptances.insertOnce({
      id: uuidv7(),
      ...command,
      state: check.allowed ? 'pending' : 'refused_margin',
      estimatedCostMinor: check.estimatedCostMinor,
      promotionId: null,
      detail: check.allowed
        ? null
        : context
          ? `estimated cost ${check.estimatedCostMinor} fen exceeds ${check.maxCostMinor} fen`
          : 'merchant unknown to campaigns',
      acceptedAt: now,
      appliedAt: null,
    });
    if (stored.state !== 'pending') return stored;
    return this.apply(stored, now);
  }

  private async apply(acceptance: OfferAcceptance, now: Date): Promise<OfferAcceptance> {
    const promotion = promotionOf(acceptance.offer);
    if (!promotion) {
      await this.acceptances.settle(acceptance.id, 'applied', { appliedAt: now });
      return { ...acceptance, state: 'applied', appliedAt: now };
    }
    const reason = `reactivation offer ${acceptance.id} (campaign ${acceptance.campaignId})`;
    const granted = await this.registry.grantPromotion(acceptance.merchantId, { ...promotion, reason });
    let promotionId: string | null = 'promotion' in granted ? granted.promotion.promotionId : null;
    if (!promotionId) {
      const ours = (await this.registry.promotions(acceptance.merchantId)).find((p) =>
        p.reason?.includes(acceptance.id),
      );
      promotionId = ours?.promotionId ?? null;
    }
    if (!promotionId) {
      const detail = 'the merchant already has another active promotion';
      await this.acceptances.settle(acceptance.id, 'conflict', { detail });
      return { ...acceptance, state: 'conflict', detail };
    }
    await this.acceptances.settle(acceptance.id, 'applied', { promotionId, appliedAt: now });
    return { ...acceptance, state: 'applied', promotionId, appliedAt: now };
  }
}
