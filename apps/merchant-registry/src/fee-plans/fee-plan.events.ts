import { createEvent, EventOf } from '@merchant-pulse/contracts';
import { feesWaivedUntilMs } from '@merchant-pulse/fees';
import { REGISTRY_PRODUCER } from '../shared/registry-events.outbox';
import { FeePlanVersion, FeePromotion } from './fee-plan.repository';

/** End of the fee waiver the version's compensation grants, as an ISO instant, or undefined. */
function waivedUntil(v: FeePlanVersion): string | undefined {
  const until = feesWaivedUntilMs({
    effectiveFromMs: v.effectiveFrom.getTime(),
    compensation: v.compensation,
  });
  return until === null ? undefined : new Date(until).toISOString();
}

/** FeePlanChanged for a version that takes effect now. */
export function feePlanChanged(v: FeePlanVersion, at: Date): EventOf<'FeePlanChanged'> {
  const payload: EventOf<'FeePlanChanged'>['payload'] = {
    feePlanId: v.feePlanId,
    planVersion: v.planVersion,
    terms: v.terms,
    effectiveFrom: v.effectiveFrom.toISOString(),
  };
  if (v.previousTerms) payload.previousTerms = v.previousTerms;
  if (v.compensation) payload.compensation = v.compensation;
  const feesWaivedUntil = waivedUntil(v);
  if (feesWaivedUntil) payload.feesWaivedUntil = feesWaivedUntil;
  return createEvent('FeePlanChanged', {
    merchantId: v.merchantId,
    producer: REGISTRY_PRODUCER,
    occurredAt: at,
    payload,
  });
}

/** FeeChangeAnnounced for a scheduled increase. */
export function feeChangeAnnounced(v: FeePlanVersion, at: Date): EventOf<'FeeChangeAnnounced'> {
  const payload: EventOf<'FeeChangeAnnounced'>['payload'] = {
    feePlanId: v.feePlanId,
    planVersion: v.planVersion,
    currentTerms: v.previousTerms!,
    newTerms: v.terms,
    effectiveFrom: v.effectiveFrom.toISOString(),
    announcedAt: at.toISOString(),
  };
  if (v.compensation) payload.compensation = v.compensation;
  const feesWaivedUntil = waivedUntil(v);
  if (feesWaivedUntil) payload.feesWaivedUntil = feesWaivedUntil;
  return createEvent('FeeChangeAnnounced', {
    merchantId: v.merchantId,
    producer: REGISTRY_PRODUCER,
    occurredAt: at,
    payload,
  });
}

/** FeePromotionGranted: the overlay, with its window. */
export function feePromotionGranted(p: FeePromotion, at: Date): EventOf<'FeePromotionGranted'> {
  return createEvent('FeePromotionGranted', {
    merchantId: p.merchantId,
    producer: REGISTRY_PRODUCER,
    occurredAt: at,
    payload: {
      promotionId: p.id,
      bpsOff: p.bpsOff,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    },
  });
}
