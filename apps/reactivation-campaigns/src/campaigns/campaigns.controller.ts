import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  API_KEY_SECURITY_SCHEME,
  ApiKeyPrincipal,
  ApiStandardErrors,
  CurrentApiKey,
  RequireScopes,
} from '@merchant-pulse/http';
import { Enrolment, EnrolmentRepository } from '../enrolment/enrolment.repository';
import { CampaignResults } from '../results/campaign-results';
import { GetCampaignResultsUseCase } from '../results/use-cases/get-campaign-results/get-campaign-results.use-case';
import { Campaign, CampaignAction } from './campaign';
import { CampaignErrorFilter } from './campaign-error.filter';
import { CampaignNotFoundError } from './campaign.errors';
import { CampaignAuditEntry, CampaignRepository } from './campaign.repository';
import {
  CreateCampaignDto,
  LaunchCampaignDto,
  ListCampaignsQueryDto,
  PreviewQueryDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';
import { ChangeCampaignStatusUseCase } from './use-cases/change-campaign-status/change-campaign-status.use-case';
import { CreateCampaignCommand } from './use-cases/create-campaign/create-campaign.command';
import { CreateCampaignUseCase } from './use-cases/create-campaign/create-campaign.use-case';
import {
  AudienceSampleItem,
  PreviewAudienceUseCase,
} from './use-cases/preview-audience/preview-audience.use-case';
import { UpdateCampaignUseCase } from './use-cases/update-campaign/update-campaign.use-case';

/** Campaigns: definition, audience preview, lifecycle with audit, results. */
@ApiTags('campaigns')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('campaigns:read')
@UseFilters(CampaignErrorFilter)
@ApiStandardErrors()
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly create: CreateCampaignUseCase,
    private readonly updateCampaign: UpdateCampaignUseCase,
    private readonly changeStatus: ChangeCampaignStatusUseCase,
    private readonly preview: PreviewAudienceUseCase,
    private readonly results: GetCampaignResultsUseCase,
    private readonly campaigns: CampaignRepository,
    private readonly enrolments: EnrolmentRepository,
  ) {}

  @Post()
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Create a draft campaign (triggered | one_off | fee_change_notice)' })
  @ApiResponse({ status: 201, description: 'The draft campaign' })
  async createCampaign(
    @Body() body: CreateCampaignDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<Campaign> {
    return this.create.execute(new CreateCampaignCommand(body, key.id));
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns, newest first, filtered by status or kind' })
  async list(@Query() query: ListCampaignsQueryDto): Promise<{ items: Campaign[] }> {
    return { items: await this.campaigns.list(query, query.limit ?? 50) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One campaign' })
  async get(@Param('id') id: string): Promise<Campaign> {
    const c = await this.campaigns.findById(id);
    if (!c) throw new CampaignNotFoundError(id);
    return c;
  }

  @Patch(':id')
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Edit a draft campaign (409 once launched)' })
  async patch(
    @Param('id') id: string,
    @Body() body: UpdateCampaignDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<Campaign> {
    return this.updateCampaign.execute(id, body, key.id);
  }

  @Get(':id/audience-preview')
  @ApiOperation({ summary: 'Audience size now and a sample (highest risk first), before launch' })
  async audiencePreview(
    @Param('id') id: string,
    @Query() query: PreviewQueryDto,
  ): Promise<{ count: number; sample: AudienceSampleItem[] }> {
    return this.preview.execute(id, query.sample ?? 20);
  }

  @Post(':id/launch')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary:
      'Launch a draft: running now (a one-off snapshots its audience) or scheduled for startsAt; 409 when not a draft, 422 without steps',
  })
  async launch(
    @Param('id') id: string,
    @Body() body: LaunchCampaignDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<{ campaign: Campaign; enrolled: number }> {
    return this.changeStatus.execute(id, 'launch', key.id, body.startsAt);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Pause a running campaign (pending outreach cancelled); 409 otherwise' })
  async pause(
    @Param('id') id: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<{ campaign: Campaign }> {
    return this.move(id, 'pause', key);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Resume a paused campaign; 409 otherwise' })
  async resume(
    @Param('id') id: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<{ campaign: Campaign }> {
    return this.move(id, 'resume', key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Complete a campaign (open enrolments end, outreach cancelled); 409 when draft or completed',
  })
  async complete(
    @Param('id') id: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<{ campaign: Campaign }> {
    return this.move(id, 'complete', key);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'Who changed what and when' })
  async audit(@Param('id') id: string): Promise<{ items: CampaignAuditEntry[] }> {
    if (!(await this.campaigns.findById(id))) throw new CampaignNotFoundError(id);
    return { items: await this.campaigns.auditOf(id) };
  }

  @Get(':id/enrolments')
  @ApiOperation({
    summary:
      'Enrolments of a campaign: merchant, arm (fixed at enrolment), enrolment day, exit, conversion day',
  })
  async enrolmentsOf(@Param('id') id: string): Promise<{ items: Array<Omit<Enrolment, 'variables'>> }> {
    if (!(await this.campaigns.findById(id))) throw new CampaignNotFoundError(id);
    const rows = await this.enrolments.ofCampaign(id);
    return { items: rows.map(({ variables: _variables, ...rest }) => rest) };
  }

  @Get(':id/results')
  @ApiOperation({
    summary:
      'Enrolled/converted per arm, outreach funnel, uplift (difference of proportions) with a 95 % Newcombe hybrid score interval, incremental fees net of offers, usage growth',
  })
  async getResults(@Param('id') id: string): Promise<CampaignResults> {
    return this.results.execute(id);
  }

  private async move(
    id: string,
    action: CampaignAction,
    key: ApiKeyPrincipal,
  ): Promise<{ campaign: Campaign }> {
    const { campaign } = await this.changeStatus.execute(id, action, key.id);
    return { campaign };
  }
}
