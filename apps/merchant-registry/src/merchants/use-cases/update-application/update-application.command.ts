import type { BusinessType, ContactChannel, MerchantCategory } from '../../merchant.vocabulary';

/** Corrections to an application (plaintext PII: sealed before it reaches the database). */
export interface UpdateApplicationCommand {
  merchantId: string;
  /** Names of immutable fields the caller tried to change (refused with 422). */
  immutableFieldsGiven: string[];
  changes: {
    businessType?: BusinessType;
    legalName?: string;
    displayName?: string;
    category?: MerchantCategory;
    city?: string;
    region?: string;
    timezone?: string;
    contact?: {
      name: string;
      phone: string;
      email?: string;
      preferredChannel?: ContactChannel;
      quietHours?: { start: string; end: string };
    };
    idNumber?: string;
    creditCode?: string;
    settlementCard?: { number: string; bankName?: string };
    terminalAddress?: string;
  };
  /** API key id or ops user id making the change. */
  actor: string;
}
