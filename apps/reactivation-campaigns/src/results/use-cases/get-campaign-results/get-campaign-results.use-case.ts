import { Injectable, Optional } from '@nestjs/common';
import { CampaignNotFoundError } from '../../../campaigns/campaign.errors';
import { CampaignRepository } from '../../../campaigns/campaign.repository';
import { OutreachScheduler } from '../../../outreach/outreach-scheduler';
import { CampaignResults, campaignResults } from '../../campaign-results';
import { ResultsRepository } from '../../results.repository';

/** A campaign's funnel, conversions per arm, uplift with its 95 % interval and incremental fees. */
@Injectable()
export class GetCampaignResultsUseCase {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly results: ResultsRepository,
    @Optional() private readonly outreach?: OutreachScheduler,
  ) {}

  async execute(campaignId: string): Promise<CampaignResults> {
    const campaign = await this.campaigns.findById(campaignId);
    if (!campaign) throw new CampaignNotFoundError(campaignId);
    const totals = await this.results.armTotals(campaignId);
    const funnel = this.outreach ? await this.outreach.funnel(campaignId) : null;
    return campaignResults(campaignId, totals, funnel);
  }
}
