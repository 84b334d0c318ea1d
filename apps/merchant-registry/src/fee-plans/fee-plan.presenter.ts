import { FeeCompensation, FeePlanInForce, FeePlanPeriod, feeRatesToTerms } from '@merchant-pulse/fees';
import type { CompensationOfferV1, FeePlanTermsV1 } from '@merchant-pulse/contracts';
import { FeePlanInForceView, FeePlanVersionView, FeePromotionView } from './dto/fee-plan.view';
import { ScheduledPromotion, ScheduledVersion } from './fee-plan.history';
import { FeePromotion } from './fee-plan.repository';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Wire terms from rates (a fresh object, never a shared constant). */
function terms(rates: Parameters<typeof feeRatesToTerms>[0]): FeePlanTermsV1 {
  const t = feeRatesToTerms(rates);
  return { rates: { ...t.rates }, debitCapMinor: t.debitCapMinor };
}

export function presentPromotion(p: FeePromotion): FeePromotionView {
  return {
    promotionId: p.id,
    bpsOff: p.bpsOff,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    grantedBy: p.grantedBy,
    reason: p.reason,
  };
}

export function presentPlanInForce(
  at: Date,
  plan: FeePlanInForce<ScheduledVersion, ScheduledPromotion>,
): FeePlanInForceView {
  const row = plan.version?.row;
  return {
    at: at.toISOString(),
    planVersion: row?.planVersion ?? null,
    feePlanId: row?.feePlanId ?? 'standard',
    effectiveFrom: row ? row.effectiveFrom.toISOString() : null,
    baseTerms: row ? row.terms : terms(plan.rates),
    promotion: plan.promotion ? presentPromotion(plan.promotion.row) : null,
    terms: terms(plan.rates),
    compensation: (row?.compensation ?? null) as CompensationOfferV1 | null,
    feesWaivedUntil: iso(plan.waivedUntilMs),
    chargedTerms: terms(plan.chargedRates),
  };
}

export function presentPeriod(period: FeePlanPeriod<ScheduledVersion>): FeePlanVersionView {
  const v = period.version.row;
  return {
    planVersion: v.planVersion,
    feePlanId: v.feePlanId,
    terms: v.terms,
    previousTerms: v.previousTerms,
    state: v.state,
    effectiveFrom: v.effectiveFrom.toISOString(),
    effectiveUntil: iso(period.effectiveUntilMs),
    announcedAt: v.announcedAt ? v.announcedAt.toISOString() : null,
    compensation: v.compensation as (CompensationOfferV1 & FeeCompensation) | null,
    feesWaivedUntil: iso(period.feesWaivedUntilMs),
  };
}
