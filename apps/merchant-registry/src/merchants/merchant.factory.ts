import { DEFAULT_TIMEZONE } from '@merchant-pulse/contracts';
import { PiiSealer } from '../pii/pii.sealer';
import { MerchantRecord } from './merchant.record';
import { currentlyDue } from './merchant-requirements';
import { MCC_BY_CATEGORY } from './merchant.vocabulary';
import type { RegisterMerchantCommand } from './use-cases/register-merchant/register-merchant.command';

/** Default quiet hours (merchant local time): no outreach between 21:00 and 09:00. */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '09:00' } as const;

/**
 * The stored form of an application in `draft`: PII sealed (token, blind index, mask), MCC from the
 * category, requirements computed. Shared by registration and the benchmark's bulk seeding.
 */
export function buildMerchantRecord(
  sealer: PiiSealer,
  command: RegisterMerchantCommand,
  id: string,
  consent: MerchantRecord['consent'],
  now: Date,
): MerchantRecord {
  const phone = sealer.seal('phone', command.contact.phone);
  const email = command.contact.email ? sealer.seal('email', command.contact.email) : null;
  const idNumber = sealer.seal('id_number', command.idNumber);
  const card = sealer.seal('card', command.settlementCard.number);
  const businessType = command.kind === 'business' ? (command.businessType ?? 'company') : null;
  const quiet = command.contact.quietHours ?? DEFAULT_QUIET_HOURS;
  return {
    id,
    kind: command.kind,
    businessType,
    legalName: command.legalName,
    displayName: command.displayName ?? command.legalName,
    category: command.category,
    mcc: MCC_BY_CATEGORY[command.category],
    city: command.city,
    region: command.region,
    timezone: command.timezone ?? DEFAULT_TIMEZONE,
    status: 'draft',
    contactName: command.contact.name,
    preferredChannel: command.contact.preferredChannel ?? 'sms',
    quietHoursStart: quiet.start,
    quietHoursEnd: quiet.end,
    phoneEnc: phone.enc,
    phoneIndex: phone.index!,
    phoneMasked: phone.masked,
    emailEnc: email?.enc ?? null,
    emailIndex: email?.index ?? null,
    emailMasked: email?.masked ?? null,
    idNumberEnc: idNumber.enc,
    idNumberIndex: idNumber.index!,
    idNumberMasked: idNumber.masked,
    creditCode: command.kind === 'business' ? (command.creditCode ?? null) : null,
    cardEnc: card.enc,
    cardMasked: card.masked,
    bankName: command.settlementCard.bankName ?? null,
    terminalAddress: command.terminalAddress ?? null,
    currentlyDue: currentlyDue({
      kind: command.kind,
      businessType,
      hasPhone: true,
      hasCreditCode: Boolean(command.creditCode),
      hasTerminalAddress: Boolean(command.terminalAddress),
      uploaded: [],
    }),
    reviewReasonCodes: [],
    consent,
    behaviourTier: null,
    valueTier: null,
    riskScore: null,
    riskAsOf: null,
    createdAt: now,
    updatedAt: now,
  };
}
