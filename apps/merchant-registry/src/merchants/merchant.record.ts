import type { BehaviourTier, MerchantKind, MerchantStatus, ValueTier } from '@merchant-pulse/contracts';
import type { ConsentState } from '../contacts/consent.derivation';
import type { BusinessType, ContactChannel, MerchantCategory } from './merchant.vocabulary';

/** A merchant as stored (one row of `merchants`); PII only as sealed tokens, indexes and masks. */
export interface MerchantRecord {
  id: string;
  kind: MerchantKind;
  businessType: BusinessType | null;
  legalName: string;
  displayName: string;
  category: MerchantCategory;
  mcc: string;
  city: string;
  region: string;
  timezone: string;
  status: MerchantStatus;
  contactName: string;
  preferredChannel: ContactChannel;
  quietHoursStart: string;
  quietHoursEnd: string;
  phoneEnc: string;
  phoneIndex: string;
  phoneMasked: string;
  emailEnc: string | null;
  emailIndex: string | null;
  emailMasked: string | null;
  idNumberEnc: string;
  idNumberIndex: string;
  idNumberMasked: string;
  creditCode: string | null;
  cardEnc: string;
  cardMasked: string;
  bankName: string | null;
  terminalAddress: string | null;
  currentlyDue: string[];
  reviewReasonCodes: string[];
  consent: ConsentState;
  behaviourTier: BehaviourTier | null;
  valueTier: ValueTier | null;
  riskScore: number | null;
  riskAsOf: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Column name of each record field (snake_case), in insert order. */
export const MERCHANT_COLUMNS: ReadonlyArray<[keyof MerchantRecord, string, string]> = [
  ['id', 'id', 'text'],
  ['kind', 'kind', 'text'],
  ['businessType', 'business_type', 'text'],
  ['legalName', 'legal_name', 'text'],
  ['displayName', 'display_name', 'text'],
  ['category', 'category', 'text'],
  ['mcc', 'mcc', 'text'],
  ['city', 'city', 'text'],
  ['region', 'region', 'text'],
  ['timezone', 'timezone', 'text'],
  ['status', 'status', 'text'],
  ['contactName', 'contact_name', 'text'],
  ['preferredChannel', 'preferred_channel', 'text'],
  ['quietHoursStart', 'quiet_hours_start', 'text'],
  ['quietHoursEnd', 'quiet_hours_end', 'text'],
  ['phoneEnc', 'phone_enc', 'text'],
  ['phoneIndex', 'phone_index', 'text'],
  ['phoneMasked', 'phone_masked', 'text'],
  ['emailEnc', 'email_enc', 'text'],
  ['emailIndex', 'email_index', 'text'],
  ['emailMasked', 'email_masked', 'text'],
  ['idNumberEnc', 'id_number_enc', 'text'],
  ['idNumberIndex', 'id_number_index', 'text'],
  ['idNumberMasked', 'id_number_masked', 'text'],
  ['creditCode', 'credit_code', 'text'],
  ['cardEnc', 'card_enc', 'text'],
  ['cardMasked', 'card_masked', 'text'],
  ['bankName', 'bank_name', 'text'],
  ['terminalAddress', 'terminal_address', 'text'],
  ['currentlyDue', 'currently_due', 'text[]'],
  ['reviewReasonCodes', 'review_reason_codes', 'text[]'],
  ['consent', 'consent', 'jsonb'],
  ['behaviourTier', 'behaviour_tier', 'text'],
  ['valueTier', 'value_tier', 'text'],
  ['riskScore', 'risk_score', 'integer'],
  ['riskAsOf', 'risk_as_of', 'timestamptz'],
  ['createdAt', 'created_at', 'timestamptz'],
  ['updatedAt', 'updated_at', 'timestamptz'],
];

/** `SELECT` list that returns rows keyed by record field names (no mapping loop on the hot path). */
export const MERCHANT_SELECT = MERCHANT_COLUMNS.map(([field, column]) => `${column} AS "${field}"`).join(
  ', ',
);

/** Fields holding sealed PII (ciphertext) or its blind index: needed only to reveal or look up PII. */
export const SEALED_PII_FIELDS = [
  'phoneEnc',
  'phoneIndex',
  'emailEnc',
  'emailIndex',
  'idNumberEnc',
  'idNumberIndex',
  'cardEnc',
] as const satisfies ReadonlyArray<keyof MerchantRecord>;

/**
 * A merchant without its sealed PII, as `row_to_json` returns it (timestamps as ISO-8601 strings):
 * what the masked view (no `pii:read`) is built from.
 */
export type MaskedMerchantRecord = Omit<
  MerchantRecord,
  (typeof SEALED_PII_FIELDS)[number] | 'riskAsOf' | 'createdAt' | 'updatedAt'
> & { riskAsOf: string | null; createdAt: string; updatedAt: string };

/** {@link MERCHANT_SELECT} without the sealed PII columns (ciphertexts are most of a row's bytes). */
export const MASKED_MERCHANT_SELECT = MERCHANT_COLUMNS.filter(
  ([field]) => !(SEALED_PII_FIELDS as readonly string[]).includes(field),
)
  .map(([field, column]) => `${column} AS "${field}"`)
  .join(', ');
