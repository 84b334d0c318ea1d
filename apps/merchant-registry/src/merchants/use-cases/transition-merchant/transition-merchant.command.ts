import type { MerchantStatus } from '@merchant-pulse/contracts';

/** Move a merchant along its status machine (review decisions, activation, suspension, closing). */
export interface TransitionMerchantCommand {
  merchantId: string;
  to: MerchantStatus;
  /** Machine-readable reasons; required when rejecting. */
  reasonCodes?: string[];
  /** Free text for humans, appended to the event's reason. */
  note?: string;
  /** API key id or ops user id making the change. */
  actor: string;
}
