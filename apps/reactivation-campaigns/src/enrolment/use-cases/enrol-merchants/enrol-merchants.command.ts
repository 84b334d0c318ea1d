import type { Campaign } from '../../../campaigns/campaign';

/** A merchant to enrol, with its template variables (e.g. a fee comparison) and days inactive. */
export interface EnrolmentCandidate {
  merchantId: string;
  daysInactive: number | null;
  variables?: Record<string, string | number>;
}

/** Enrol merchants in a campaign (triggered by a risk change, a launch snapshot or a fee announcement). */
export class EnrolMerchantsCommand {
  constructor(
    readonly campaign: Campaign,
    readonly candidates: readonly EnrolmentCandidate[],
    /** What enrolled them: `risk_changed`, `launch_snapshot`, `fee_change_announced`. */
    readonly trigger: string,
  ) {}
}
