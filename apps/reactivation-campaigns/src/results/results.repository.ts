import { Injectable } from '@nestjs/common';
import type { CampaignArm } from '@merchant-pulse/contracts';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';

/** Per-arm totals of a campaign. */
export interface ArmTotals {
  enrolled: number;
  converted: number;
  /** Fees earned from the arm's merchants in their attribution windows (days after enrolment), fen. */
  windowFeeMinor: number;
  /** Approved volume in those windows, fen. */
  windowVolumeMinor: number;
  /** Approved volume in the same number of days before enrolment, fen. */
  baselineVolumeMinor: number;
}

/** Aggregates of enrolments and activity behind a campaign's results. */
@Injectable()
export class ResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async armTotals(campaignId: string): Promise<Record<CampaignArm, ArmTotals>> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT e.arm, count(*) AS enrolled, count(e.converted_on) AS converted,
         coalesce(sum(w.fee), 0) AS fee, coalesce(sum(w.volume), 0) AS volume, coalesce(sum(e.baseline_volume_minor), 0) AS baseline
       FROM campaign_enrolments e
       JOIN campaigns c ON c.id = e.campaign_id
       LEFT JOIN LATERAL (
         SELECT sum(a.fee_minor) AS fee, sum(a.approved_amount_minor) AS volume FROM merchant_daily_activity a
         WHERE a.merchant_id = e.merchant_id AND a.activity_date > e.enrolled_on AND a.activity_date <= e.enrolled_on + c.attribution_days
       ) w ON true
       WHERE e.campaign_id = $1 GROUP BY e.arm`,
      [campaignId],
    );
    const empty = (): ArmTotals => ({
      enrolled: 0,
      converted: 0,
      windowFeeMinor: 0,
      windowVolumeMinor: 0,
      baselineVolumeMinor: 0,
    });
    const out: Record<CampaignArm, ArmTotals> = { treatment: empty(), holdout: empty() };
    for (const r of rows)
      out[r.arm as CampaignArm] = {
        enrolled: Number(r.enrolled),
        converted: Number(r.converted),
        windowFeeMinor: toSafeInteger(r.fee),
        windowVolumeMinor: toSafeInteger(r.volume),
        baselineVolumeMinor: toSafeInteger(r.baseline),
      };
    return out;
  }
}
