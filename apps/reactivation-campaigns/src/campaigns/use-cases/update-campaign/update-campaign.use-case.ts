import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';
import { Campaign } from '../../campaign';
import { CampaignNotFoundError, CampaignStateError } from '../../campaign.errors';
import { toAudience, toSteps } from '../../campaign.factory';
import { CampaignRepository } from '../../campaign.repository';
import type { UpdateCampaignDto } from '../../dto/campaign.dto';

/** Edits a draft campaign (anything else is 409) and records who changed what. */
@Injectable()
export class UpdateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly clock: Clock,
  ) {}

  async execute(campaignId: string, body: UpdateCampaignDto, actor: string): Promise<Campaign> {
    return withTransaction(this.dataSource, async (m) => {
      const c = await this.campaigns.lockById(m, campaignId);
      if (!c) throw new CampaignNotFoundError(campaignId);
      if (c.status !== 'draft')
        throw new CampaignStateError(`campaign ${campaignId} is ${c.status}: only drafts can be edited`);
      const now = this.clock.now().toISOString();
      const updated: Campaign = {
        ...c,
        name: body.name ?? c.name,
        audience: body.audience ? toAudience(body.audience) : c.audience,
        steps: body.steps ? toSteps(body.steps, c.kind) : c.steps,
        holdoutShare: body.holdoutShare ?? c.holdoutShare,
        attributionDays: body.attributionDays ?? c.attributionDays,
        conversionMinApproved: body.conversionMinApproved ?? c.conversionMinApproved,
        reentryCooldownDays: body.reentryCooldownDays ?? c.reentryCooldownDays,
        updatedAt: now,
      };
      await this.campaigns.update(m, updated);
      await this.campaigns.appendAudit(m, c.id, {
        actor,
        action: 'update',
        fromStatus: c.status,
        toStatus: c.status,
        changes: { ...body },
        at: now,
      });
      return updated;
    });
  }
}
