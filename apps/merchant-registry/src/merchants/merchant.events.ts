import { createHash } from 'node:crypto';
import { createEvent, EventOf, MerchantStatus } from '@merchant-pulse/contracts';
import { contactConsentOf } from '../contacts/consent.derivation';
import { REGISTRY_PRODUCER } from '../shared/registry-events.outbox';
import { MerchantRecord } from './merchant.record';

/**
 * Pseudonymous legal-entity id shared by every store of one legal entity: a digest of the business
 * registration (unified social credit code) or, for individuals, of the ID number's blind index (itself
 * keyed), so the event carries neither. Stores of one chain registered under one licence share it.
 */
export function legalEntityIdOf(m: Pick<MerchantRecord, 'creditCode' | 'idNumberIndex' | 'id'>): string {
  const basis = m.creditCode
    ? `credit:${m.creditCode}`
    : m.idNumberIndex
      ? `id:${m.idNumberIndex}`
      : `merchant:${m.id}`;
  return `le-${createHash('sha256').update(basis, 'utf8').digest('hex').slice(0, 24)}`;
}

/** Shareable profile of a merchant for lifecycle events (no PII). */
function profileOf(m: MerchantRecord) {
  return {
    legalName: m.legalName,
    displayName: m.displayName,
    mcc: m.mcc,
    city: m.city,
    timezone: m.timezone,
    legalEntityId: legalEntityIdOf(m),
    region: m.region,
    category: m.category,
    contactConsent: contactConsentOf(m.consent),
  };
}

/** MerchantRegistered for a new merchant. */
export function merchantRegistered(
  m: MerchantRecord,
  correlationId?: string,
  referral?: { referredBy: string; samePartyAsReferrer: boolean },
): EventOf<'MerchantRegistered'> {
  return createEvent('MerchantRegistered', {
    merchantId: m.id,
    producer: REGISTRY_PRODUCER,
    occurredAt: m.createdAt,
    correlationId,
    payload: {
      ...profileOf(m),
      kind: m.kind,
      status: m.status,
      registeredAt: m.createdAt.toISOString(),
      ...(referral
        ? { referredBy: referral.referredBy, referralSamePartyAsReferrer: referral.samePartyAsReferrer }
        : {}),
    },
  });
}

/** MerchantUpdated with the profile after the change. */
export function merchantUpdated(
  m: MerchantRecord,
  changedFields: EventOf<'MerchantUpdated'>['payload']['changedFields'],
  at: Date,
): EventOf<'MerchantUpdated'> {
  return createEvent('MerchantUpdated', {
    merchantId: m.id,
    producer: REGISTRY_PRODUCER,
    occurredAt: at,
    payload: { ...profileOf(m), changedFields, updatedAt: at.toISOString() },
  });
}

/** MerchantStatusChanged for one move of the status machine. */
export function merchantStatusChanged(
  merchantId: string,
  change: { from: MerchantStatus; to: MerchantStatus; reason?: string; actor?: string; at: Date },
): EventOf<'MerchantStatusChanged'> {
  const payload: EventOf<'MerchantStatusChanged'>['payload'] = {
    from: change.from,
    to: change.to,
    changedAt: change.at.toISOString(),
  };
  if (change.reason) payload.reason = change.reason;
  if (change.actor) payload.actor = change.actor;
  return createEvent('MerchantStatusChanged', {
    merchantId,
    producer: REGISTRY_PRODUCER,
    occurredAt: change.at,
    payload,
  });
}
