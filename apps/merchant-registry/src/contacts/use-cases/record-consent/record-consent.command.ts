import type { ConsentPurpose, ContactChannel } from '../../../merchants/merchant.vocabulary';

/** Record a consent grant or withdrawal in the ledger. */
export interface RecordConsentCommand {
  merchantId: string;
  channel: ContactChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** Where it came from, e.g. `sms_reply_stop`, `ops_console`, `merchant_app`. */
  source: string;
  /** Who recorded it (API key id unless the body names an ops user). */
  actor: string;
}
