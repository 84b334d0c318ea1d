import type { CompensationOfferV1, FeePlanTermsV1 } from '@merchant-pulse/contracts';

/** Move a merchant to new fee terms, now or from a future date. */
export interface ScheduleFeeChangeCommand {
  merchantId: string;
  /** Shared plan id or a merchant-specific label, e.g. `standard-2026`. */
  feePlanId: string;
  terms: FeePlanTermsV1;
  /** When the terms apply; defaults to now (refused for increases, which need notice). */
  effectiveFrom?: Date;
  compensation?: CompensationOfferV1;
  actor: string;
}
