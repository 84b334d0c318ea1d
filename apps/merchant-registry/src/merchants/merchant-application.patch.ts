import type { MerchantProfileField } from '@merchant-pulse/contracts';
import { PiiSealer } from '../pii/pii.sealer';
import { BusinessRuleError } from '../shared/domain.errors';
import { MerchantRecord } from './merchant.record';
import { MCC_BY_CATEGORY } from './merchant.vocabulary';
import type { UpdateApplicationCommand } from './use-cases/update-application/update-application.command';

/** What a correction changes: the record fields to write and the names that changed. */
export interface ApplicationPatch {
  patch: Partial<MerchantRecord>;
  /** Application fields that changed (API names; no values: some are PII). */
  changed: string[];
  /** The shareable profile fields among them (MerchantUpdated lists these). */
  profileChanged: MerchantProfileField[];
}

const BUSINESS_ONLY = ['businessType', 'creditCode', 'terminalAddress'] as const;

/**
 * Turns an application correction into a record patch: PII sealed like on create, MCC from the
 * category, business-only fields refused for individuals (422, field named). Values equal to the
 * stored ones are not reported as changed (PII is compared through its blind index or mask).
 */
export function applicationPatch(
  merchant: MerchantRecord,
  changes: UpdateApplicationCommand['changes'],
  sealer: PiiSealer,
): ApplicationPatch {
  if (merchant.kind !== 'business') {
    const field = BUSINESS_ONLY.find((f) => changes[f] !== undefined);
    if (field) throw new BusinessRuleError('business_only_field', `${field} is only for business merchants`);
  }
  const patch: Partial<MerchantRecord> = {};
  const set = <K extends keyof MerchantRecord>(field: K, value: MerchantRecord[K]) => {
    if (merchant[field] !== value) patch[field] = value;
  };
  if (changes.businessType !== undefined) set('businessType', changes.businessType);
  if (changes.legalName !== undefined) set('legalName', changes.legalName);
  if (changes.displayName !== undefined) set('displayName', changes.displayName);
  if (changes.category !== undefined) {
    set('category', changes.category);
    set('mcc', MCC_BY_CATEGORY[changes.category]);
  }
  if (changes.city !== undefined) set('city', changes.city);
  if (changes.region !== undefined) set('region', changes.region);
  if (changes.timezone !== undefined) set('timezone', changes.timezone);
  if (changes.creditCode !== undefined) set('creditCode', changes.creditCode);
  if (changes.terminalAddress !== undefined) set('terminalAddress', changes.terminalAddress);
  sealContact(merchant, changes, sealer, patch);
  return { patch, ...changedNames(changes, patch) };
}

function sealContact(
  merchant: MerchantRecord,
  changes: UpdateApplicationCommand['changes'],
  sealer: PiiSealer,
  patch: Partial<MerchantRecord>,
): void {
  const { contact, idNumber, settlementCard } = changes;
  // PII is compared with the stored plaintext (blind indexes differ across key rotations).
  const differs = (token: string | null, value: string | undefined) =>
    (token === null ? undefined : sealer.open(token)) !== value;
  if (contact) {
    if (contact.name !== merchant.contactName) patch.contactName = contact.name;
    if (differs(merchant.phoneEnc, contact.phone)) {
      const phone = sealer.seal('phone', contact.phone);
      Object.assign(patch, { phoneEnc: phone.enc, phoneIndex: phone.index, phoneMasked: phone.masked });
    }
    if (differs(merchant.emailEnc, contact.email)) {
      const email = contact.email ? sealer.seal('email', contact.email) : null;
      Object.assign(patch, {
        emailEnc: email?.enc ?? null,
        emailIndex: email?.index ?? null,
        emailMasked: email?.masked ?? null,
      });
    }
    if (contact.preferredChannel && contact.preferredChannel !== merchant.preferredChannel)
      patch.preferredChannel = contact.preferredChannel;
    if (contact.quietHours && contact.quietHours.start !== merchant.quietHoursStart)
      patch.quietHoursStart = contact.quietHours.start;
    if (contact.quietHours && contact.quietHours.end !== merchant.quietHoursEnd)
      patch.quietHoursEnd = contact.quietHours.end;
  }
  if (idNumber !== undefined && differs(merchant.idNumberEnc, idNumber)) {
    const sealed = sealer.seal('id_number', idNumber);
    Object.assign(patch, {
      idNumberEnc: sealed.enc,
      idNumberIndex: sealed.index,
      idNumberMasked: sealed.masked,
    });
  }
  if (settlementCard) {
    if (differs(merchant.cardEnc, settlementCard.number)) {
      const card = sealer.seal('card', settlementCard.number);
      Object.assign(patch, { cardEnc: card.enc, cardMasked: card.masked });
    }
    if ((settlementCard.bankName ?? null) !== merchant.bankName)
      patch.bankName = settlementCard.bankName ?? null;
  }
}

const CONTACT_FIELDS = [
  'contactName',
  'phoneEnc',
  'emailEnc',
  'preferredChannel',
  'quietHoursStart',
  'quietHoursEnd',
] as const;

function changedNames(
  changes: UpdateApplicationCommand['changes'],
  patch: Partial<MerchantRecord>,
): Omit<ApplicationPatch, 'patch'> {
  const changed = Object.keys(changes).filter((field) => {
    switch (field) {
      case 'contact':
        return CONTACT_FIELDS.some((f) => f in patch);
      case 'idNumber':
        return 'idNumberEnc' in patch;
      case 'settlementCard':
        return 'cardEnc' in patch || 'bankName' in patch;
      default:
        return field in patch;
    }
  });
  const profileChanged: MerchantProfileField[] = [];
  for (const f of ['legalName', 'displayName', 'mcc', 'city', 'timezone'] as const)
    if (f in patch) profileChanged.push(f);
  return { changed, profileChanged };
}
