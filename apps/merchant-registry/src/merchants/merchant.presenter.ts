import { PiiSealer } from '../pii/pii.sealer';
import { MerchantView } from './dto/merchant.view';
import { MaskedMerchantRecord, MerchantRecord } from './merchant.record';
import { requirementsOf } from './merchant-requirements';

/**
 * A stored merchant as the API shows it. Masks were computed at write time, so the default (masked)
 * path decrypts nothing; `sealer` is passed only for callers holding `pii:read`.
 */
export function presentMerchant(m: MerchantRecord, reveal?: PiiSealer): MerchantView;
export function presentMerchant(m: MaskedMerchantRecord): MerchantView;
export function presentMerchant(m: MerchantRecord | MaskedMerchantRecord, reveal?: PiiSealer): MerchantView {
  const sealed = 'phoneEnc' in m ? m : undefined;
  // A mask is null exactly when its token is (both derive from the same optional value at write time).
  const open = (token: string | null | undefined, masked: string | null): string | null =>
    reveal && token != null ? reveal.open(token) : masked;
  return {
    id: m.id,
    kind: m.kind,
    businessType: m.businessType,
    status: m.status,
    legalName: m.legalName,
    displayName: m.displayName,
    category: m.category,
    mcc: m.mcc,
    city: m.city,
    region: m.region,
    timezone: m.timezone,
    contact: {
      name: m.contactName,
      phone: open(sealed?.phoneEnc, m.phoneMasked)!,
      email: open(sealed?.emailEnc, m.emailMasked),
      preferredChannel: m.preferredChannel,
      quietHours: { start: m.quietHoursStart, end: m.quietHoursEnd },
    },
    idNumber: open(sealed?.idNumberEnc, m.idNumberMasked)!,
    creditCode: m.creditCode,
    settlementCard: { number: open(sealed?.cardEnc, m.cardMasked)!, bankName: m.bankName },
    terminalAddress: m.terminalAddress,
    requirements: requirementsOf(m.status, m.currentlyDue),
    reviewReasonCodes: m.reviewReasonCodes,
    consent: m.consent,
    tiers: {
      behaviourTier: m.behaviourTier,
      valueTier: m.valueTier,
      riskScore: m.riskScore,
      asOf: m.riskAsOf ? new Date(m.riskAsOf).toISOString() : null,
    },
    piiMasked: !reveal,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
  };
}
