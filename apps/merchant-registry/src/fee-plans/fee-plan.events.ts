import { createEvent, EventOf } from '@merchant-pulse/contracts';
import { REGISTRY_PRODUCER } from '../shared/registry-events.outbox';
import { FeePlanVersion } from './fee-plan.repository';

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
  return createEvent('FeeChangeAnnounced', {
    merchantId: v.merchantId,
    producer: REGISTRY_PRODUCER,
    occurredAt: at,
    payload,
  });
}
