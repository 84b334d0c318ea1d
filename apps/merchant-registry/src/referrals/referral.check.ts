import { normalizeForBlindIndex } from '../pii/pii.blind-index';
import { PiiSealer } from '../pii/pii.sealer';
import type { MerchantRecord } from '../merchants/merchant.record';

/** What an application brings that could identify the same party as its referrer. */
export interface ReferralIdentity {
  idNumber: string;
  settlementCardNumber: string;
}

/**
 * The referral fraud guard, computed where the PII lives: true when the application's legal
 * representative (ID number, compared by blind index under every ring key) or settlement card
 * (compared as digits after opening the referrer's sealed card) is the referrer's own. Only the
 * boolean leaves the registry.
 */
export function samePartyAsReferrer(
  sealer: PiiSealer,
  referrer: Pick<MerchantRecord, 'idNumberIndex' | 'cardEnc'>,
  application: ReferralIdentity,
): boolean {
  if (sealer.lookupKeys('id_number', application.idNumber).includes(referrer.idNumberIndex)) return true;
  const referrerCard = normalizeForBlindIndex('card', sealer.open(referrer.cardEnc));
  return referrerCard === normalizeForBlindIndex('card', application.settlementCardNumber);
}
