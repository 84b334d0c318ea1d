import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { Campaign } from '../../campaign';
import { ReactivationCampaignsConfig } from '../../../config/reactivation-campaigns.config';
import { toAudience, toSteps } from '../../campaign.factory';
import { CampaignRepository } from '../../campaign.repository';
import { CreateCampaignCommand } from './create-campaign.command';

/** Creates a draft campaign (unset settings from the config's defaults) and records who created it. */
@Injectable()
export class CreateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly clock: Clock,
    private readonly config: ReactivationCampaignsConfig,
  ) {}

  async execute(command: CreateCampaignCommand): Promise<Campaign> {
    const { body, actor } = command;
    const now = this.clock.now().toISOString();
    const campaign: Campaign = {
      id: uuidv7(),
      name: body.name,
      kind: body.kind,
      status: 'draft',
      audience: toAudience(body.audience),
      steps: toSteps(body.steps, body.kind),
      holdoutShare: body.holdoutShare ?? this.config.CAMPAIGN_HOLDOUT_SHARE,
      attributionDays: body.attributionDays ?? this.config.CAMPAIGN_ATTRIBUTION_DAYS,
      conversionMinApproved: body.conversionMinApproved ?? this.config.CAMPAIGN_CONVERSION_MIN_APPROVED,
      reentryCooldownDays: body.reentryCooldownDays ?? this.config.CAMPAIGN_REENTRY_COOLDOWN_DAYS,
      startsAt: null,
      launchedAt: null,
      completedAt: null,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    await withTransaction(this.dataSource, async (m) => {
      await this.campaigns.insert(m, campaign);
      await this.campaigns.appendAudit(m, campaign.id, {
        actor,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        changes: { ...body },
        at: now,
      });
    });
    return campaign;
  }
}
