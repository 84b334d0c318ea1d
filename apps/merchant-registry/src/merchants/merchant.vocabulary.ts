/** What a merchant sells; decides its ISO 18245 merchant category code. */
export const MERCHANT_CATEGORIES = ['restaurant', 'retail', 'services', 'other'] as const;
/** A merchant category. */
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];

/** MCC per category: restaurants 5812, grocery/retail 5411, misc. personal services 7299, misc. retail 5999. */
export const MCC_BY_CATEGORY: Readonly<Record<MerchantCategory, string>> = {
  restaurant: '5812',
  retail: '5411',
  services: '7299',
  other: '5999',
};

/** Legal form of a business merchant; sole proprietors need no corporate account. */
export const BUSINESS_TYPES = ['company', 'sole_proprietor'] as const;
/** A business merchant's legal form. */
export type BusinessType = (typeof BUSINESS_TYPES)[number];

/** KYC document types a merchant can upload. */
export const DOCUMENT_TYPES = [
  'id_card_front',
  'id_card_back',
  'settlement_card',
  'business_licence',
  'corporate_account',
  'legal_rep_id_front',
  'legal_rep_id_back',
  'store_photo_storefront',
  'store_photo_interior',
  'store_photo_cashier',
] as const;
/** A KYC document type. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Media types accepted for documents. */
export const DOCUMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** Largest accepted document, bytes (10 MiB). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Contact channels (consent ledger, preferred channel). */
export const CONTACT_CHANNELS = ['sms', 'email', 'phone'] as const;
/** A contact channel. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Why a merchant may be contacted: service messages, or marketing (reactivation offers). */
export const CONSENT_PURPOSES = ['service', 'marketing'] as const;
/** A consent purpose. */
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Machine-readable reasons of review decisions. */
export const REVIEW_REASON_CODES = [
  'documents_verified',
  'document_unreadable',
  'document_mismatch',
  'id_number_mismatch',
  'licence_invalid',
  'settlement_card_invalid',
  'prohibited_business',
  'high_risk_category',
  'duplicate_merchant',
  'sanctions_hit',
  'incomplete_information',
  'other',
] as const;
/** A review reason code. */
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

/** Reasons for suspending, resuming or closing a merchant. */
export const STATUS_CHANGE_REASON_CODES = [
  'merchant_request',
  'fraud_suspected',
  'compliance_hold',
  'chargeback_ratio',
  'hold_cleared',
  'inactivity',
  'other',
] as const;
