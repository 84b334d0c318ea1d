import type { CreateCampaignDto } from '../../dto/campaign.dto';

export class CreateCampaignCommand {
  constructor(
    readonly body: CreateCampaignDto,
    /** API key id of the caller (audit). */
    readonly actor: string,
  ) {}
}
