import type { CampaignArm } from '@merchant-pulse/contracts';
import type { OutreachFunnelCounts } from '../outreach/outreach-scheduler';
import type { ArmTotals } from './results.repository';
import { Uplift, upliftInterval } from './uplift';

/** Per-arm figures of the report. */
export interface ArmResult extends ArmTotals {
  conversionRate: number | null;
  /** (volume in window − volume before) / volume before; null without a baseline. */
  usageGrowth: number | null;
}

/** GET /v1/campaigns/{id}/results. */
export interface CampaignResults {
  campaignId: string;
  arms: Record<CampaignArm, ArmResult>;
  funnel: OutreachFunnelCounts & { wired: boolean };
  uplift: Uplift;
  /**
   * Fees the campaign earned beyond the holdout's rate, net of offers: (mean window fee of treatment −
   * mean window fee of holdout) × treatment enrolled − offer cost. Null without both arms.
   */
  incrementalFeeMinor: number | null;
  /** Seed KPI "activation success rate": converted ÷ enrolled in the treatment arm (null when empty). */
  activationSuccessRate: number | null;
}

const EMPTY_FUNNEL: OutreachFunnelCounts = {
  contacted: 0,
  delivered: 0,
  failed: 0,
  skippedByReason: {},
  sendsByChannel: {},
  offersAccepted: 0,
  offerCostMinor: 0,
};

/** The results report from per-arm totals and the outreach funnel (null funnel = outreach not wired). */
export function campaignResults(
  campaignId: string,
  totals: Record<CampaignArm, ArmTotals>,
  funnel: OutreachFunnelCounts | null,
): CampaignResults {
  const arm = (t: ArmTotals): ArmResult => ({
    ...t,
    conversionRate: t.enrolled > 0 ? t.converted / t.enrolled : null,
    usageGrowth:
      t.baselineVolumeMinor > 0
        ? (t.windowVolumeMinor - t.baselineVolumeMinor) / t.baselineVolumeMinor
        : null,
  });
  const f = funnel ?? EMPTY_FUNNEL;
  const { treatment: t, holdout: h } = totals;
  const incremental =
    t.enrolled > 0 && h.enrolled > 0
      ? Math.round((t.windowFeeMinor / t.enrolled - h.windowFeeMinor / h.enrolled) * t.enrolled) -
        f.offerCostMinor
      : null;
  return {
    campaignId,
    arms: { treatment: arm(t), holdout: arm(h) },
    funnel: { ...f, wired: funnel !== null },
    uplift: upliftInterval(t, h),
    incrementalFeeMinor: incremental,
    activationSuccessRate: t.enrolled > 0 ? t.converted / t.enrolled : null,
  };
}
