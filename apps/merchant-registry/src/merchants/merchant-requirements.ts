import type { MerchantKind, MerchantStatus } from '@merchant-pulse/contracts';
import type { BusinessType, DocumentType } from './merchant.vocabulary';

/** What onboarding still needs and why the merchant cannot transact yet (Stripe-style requirements). */
export interface Requirements {
  /** Machine-readable keys still due, e.g. `documents.id_card_back`, `store_photos.cashier`. */
  currentlyDue: string[];
  /** Why the merchant is blocked from transacting; null once active. */
  blockedReason: string | null;
}

/** The facts onboarding requirements depend on. */
export interface RequirementFacts {
  kind: MerchantKind;
  businessType: BusinessType | null;
  hasPhone: boolean;
  hasCreditCode: boolean;
  hasTerminalAddress: boolean;
  uploaded: readonly DocumentType[];
}

/** The requirement key of a document type: store photos are `store_photos.<x>`, others `documents.<type>`. */
export function requirementKeyOf(type: DocumentType): string {
  return type.startsWith('store_photo_')
    ? `store_photos.${type.slice('store_photo_'.length)}`
    : `documents.${type}`;
}

/**
 * Documents DESIGN.md requires: individuals an ID card (both sides) and a settlement card; businesses a
 * licence, corporate account (not sole proprietors), legal representative's ID (both sides), settlement
 * card and three store photos.
 */
export function requiredDocuments(kind: MerchantKind, businessType: BusinessType | null): DocumentType[] {
  if (kind === 'individual') return ['id_card_front', 'id_card_back', 'settlement_card'];
  const documents: DocumentType[] = ['business_licence'];
  if (businessType !== 'sole_proprietor') documents.push('corporate_account');
  documents.push(
    'legal_rep_id_front',
    'legal_rep_id_back',
    'settlement_card',
    'store_photo_storefront',
    'store_photo_interior',
    'store_photo_cashier',
  );
  return documents;
}

/** Every requirement key still due, documents first, in a stable order. */
export function currentlyDue(facts: RequirementFacts): string[] {
  const uploaded = new Set(facts.uploaded);
  const due = requiredDocuments(facts.kind, facts.businessType)
    .filter((type) => !uploaded.has(type))
    .map(requirementKeyOf);
  if (!facts.hasPhone) due.push('contact.phone');
  if (facts.kind === 'business' && !facts.hasCreditCode) due.push('business.credit_code');
  if (facts.kind === 'business' && !facts.hasTerminalAddress) due.push('terminal_address');
  return due;
}

/** Why a merchant in `status` with `due` requirements cannot transact (null when active). */
export function blockedReason(status: MerchantStatus, due: readonly string[]): string | null {
  switch (status) {
    case 'draft':
      return due.length > 0 ? 'requirements.currently_due' : 'application.not_submitted';
    case 'submitted':
    case 'under_review':
      return 'application.under_review';
    case 'approved':
      return 'activation.pending';
    case 'rejected':
      return 'application.rejected';
    case 'suspended':
      return 'merchant.suspended';
    case 'closed':
      return 'merchant.closed';
    default:
      return null;
  }
}

/** Requirements of a merchant as shown in responses and 422 answers. */
export function requirementsOf(status: MerchantStatus, due: readonly string[]): Requirements {
  return { currentlyDue: [...due], blockedReason: blockedReason(status, due) };
}
