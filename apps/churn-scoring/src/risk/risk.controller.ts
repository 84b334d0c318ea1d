import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME, ApiNotFound, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { ScoringJobs } from './jobs/scoring.jobs';
import {
  ListRisksQueryDto,
  MerchantRiskWithHistoryDto,
  RescoreRunDto,
  RiskPageDto,
  RiskRegionsDto,
} from './dto/risk.dto';
import { decodeCursor, DEFAULT_RISK_SORT } from './risk-cursor';
import { GetMerchantRiskUseCase } from './use-cases/get-merchant-risk/get-merchant-risk.use-case';
import { ListMerchantRisksUseCase } from './use-cases/list-merchant-risks/list-merchant-risks.use-case';
import { ListRiskRegionsUseCase } from './use-cases/list-risk-regions/list-risk-regions.use-case';

/** Merchants' churn risk: current score with reasons and history, ranked lists, rescoring runs. */
@ApiTags('risk')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('risk:read')
@ApiStandardErrors()
@Controller('v1')
export class RiskController {
  constructor(
    private readonly getRisk: GetMerchantRiskUseCase,
    private readonly listRisks: ListMerchantRisksUseCase,
    private readonly jobs: ScoringJobs,
    private readonly listRegions: ListRiskRegionsUseCase,
  ) {}

  @Get('merchants/:merchantId/risk')
  @ApiNotFound()
  @ApiOperation({
    summary: "A merchant's current churn risk, its reasons and the history of tier/band changes",
  })
  @ApiOkResponse({ type: MerchantRiskWithHistoryDto })
  async get(@Param('merchantId') merchantId: string): Promise<MerchantRiskWithHistoryDto> {
    const risk = await this.getRisk.execute(merchantId);
    if (!risk) throw new NotFoundException(`merchant ${merchantId} has no risk score`);
    const { band, ...rest } = risk;
    return { ...rest, scoreBand: band };
  }

  @Get('risks')
  @ApiOperation({
    summary:
      'Merchants ranked by risk (highest first) or another sort, filtered by behaviour tier, value tier, score band, reason or region; cursor-paginated',
  })
  @ApiOkResponse({ type: RiskPageDto })
  async list(@Query() query: ListRisksQueryDto): Promise<RiskPageDto> {
    const sort = query.sort ?? DEFAULT_RISK_SORT;
    const page = await this.listRisks.execute({
      behaviourTier: query.behaviourTier,
      valueTier: query.valueTier,
      band: query.scoreBand,
      reason: query.reason,
      region: query.region,
      sort,
      limit: query.limit ?? 50,
      after: query.cursor ? decodeCursor(query.cursor, sort) : undefined,
    });
    return {
      items: page.items.map(({ band, ...rest }) => ({ ...rest, scoreBand: band })),
      nextCursor: page.nextCursor,
    };
  }

  @Get('risks/regions')
  @ApiOperation({
    summary: 'Sales regions of scored merchants, by name (choices for the region filter)',
  })
  @ApiOkResponse({ type: RiskRegionsDto })
  async regions(): Promise<RiskRegionsDto> {
    return { items: await this.listRegions.execute() };
  }

  @Post('rescoring-runs')
  @HttpCode(200)
  @RequireScopes('risk:write')
  @ApiOperation({
    summary:
      "Rescore every merchant now as of the clock's last complete day (deterministic job id per day); waits for the result",
  })
  @ApiOkResponse({ type: RescoreRunDto })
  async rescore(): Promise<RescoreRunDto> {
    return this.jobs.rescoreNow();
  }
}
