import type { MerchantKind } from '@merchant-pulse/contracts';
import type {
  BusinessType,
  ConsentPurpose,
  ContactChannel,
  MerchantCategory,
} from '../../merchant.vocabulary';

/** Register a merchant application (plaintext PII: it is sealed before it reaches the database). */
export interface RegisterMerchantCommand {
  merchantId?: string;
  kind: MerchantKind;
  businessType?: BusinessType;
  legalName: string;
  displayName?: string;
  category: MerchantCategory;
  city: string;
  region: string;
  timezone?: string;
  contact: {
    name: string;
    phone: string;
    email?: string;
    preferredChannel?: ContactChannel;
    quietHours?: { start: string; end: string };
  };
  idNumber: string;
  creditCode?: string;
  settlementCard: { number: string; bankName?: string };
  terminalAddress?: string;
  /** Initial consents captured on the application form (service consent is implied by the contract). */
  consents?: Array<{ channel: ContactChannel; purpose: ConsentPurpose; granted: boolean }>;
  /** Referral code on the application (the referrer's merchant id), if any. */
  referralCode?: string;
  /** API key id of the caller (consent ledger actor). */
  actor: string;
}
