import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MerchantContextRepository } from '../../../merchants/merchant-context.repository';
import { CampaignNotFoundError } from '../../campaign.errors';
import { CampaignRepository } from '../../campaign.repository';

/** One merchant of an audience sample. */
export interface AudienceSampleItem {
  merchantId: string;
  displayName: string | null;
  behaviourTier: string | null;
  valueTier: string | null;
  riskScore: number | null;
  reasonCodes: string[];
  daysInactive: number | null;
  city: string | null;
}

/** Audience size and a sample (highest risk first) of a campaign's filters as of now, before launch. */
@Injectable()
export class PreviewAudienceUseCase {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly contexts: MerchantContextRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    campaignId: string,
    sampleSize: number,
  ): Promise<{ count: number; sample: AudienceSampleItem[] }> {
    const c = await this.campaigns.findById(campaignId);
    if (!c) throw new CampaignNotFoundError(campaignId);
    const now = this.clock.now();
    const count = await this.campaigns.audienceCount(c.audience, now);
    const picked =
      sampleSize > 0
        ? await this.campaigns.audience(c.audience, now, { orderBy: 'risk', limit: sampleSize })
        : [];
    const ctx = await this.contexts.readMany(picked.map((p) => p.merchantId));
    const sample = picked.map((p) => {
      const x = ctx.get(p.merchantId);
      return {
        merchantId: p.merchantId,
        displayName: x?.displayName ?? null,
        behaviourTier: x?.behaviourTier ?? null,
        valueTier: x?.valueTier ?? null,
        riskScore: x?.riskScore ?? null,
        reasonCodes: x?.reasonCodes ?? [],
        daysInactive: p.daysInactive,
        city: x?.city ?? null,
      };
    });
    return { count, sample };
  }
}
