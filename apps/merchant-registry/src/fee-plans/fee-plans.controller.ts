import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyPrincipal,
  ApiNotFound,
  ApiStandardErrors,
  ApiUnprocessable,
  CurrentApiKey,
  RequireScopes,
} from '@merchant-pulse/http';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { ChangeFeePlanDto, GrantPromotionDto } from './dto/fee-plan.dto';
import { FeePlanHistoryView, FeePlanInForceQuery, FeePlanInForceView } from './dto/fee-plan.view';
import { GetFeePlanHistoryUseCase } from './use-cases/get-fee-plan-history/get-fee-plan-history.use-case';
import { GetFeePlanInForceUseCase } from './use-cases/get-fee-plan-in-force/get-fee-plan-in-force.use-case';
import { GrantPromotionUseCase } from './use-cases/grant-promotion/grant-promotion.use-case';
import { ScheduleFeeChangeUseCase } from './use-cases/schedule-fee-change/schedule-fee-change.use-case';

/** Versioned fee plans, announced increases and promotional discounts. */
@ApiTags('fee-plans')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/merchants/:id')
export class FeePlansController {
  constructor(
    private readonly scheduleChange: ScheduleFeeChangeUseCase,
    private readonly grantPromotion: GrantPromotionUseCase,
    private readonly getHistory: GetFeePlanHistoryUseCase,
    private readonly getInForce: GetFeePlanInForceUseCase,
  ) {}

  @Get('fee-plans')
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({
    summary:
      'Plan versions (newest effective date first, with periods and fee waivers), promotions, audit trail',
  })
  @ApiOkResponse({ type: FeePlanHistoryView })
  history(@Param('id') id: string): Promise<FeePlanHistoryView> {
    return this.getHistory.execute(id);
  }

  @Get('fee-plans/current')
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({
    summary:
      'The plan in force at `at` (default now): base version, promotion overlay, fee waiver, charged terms',
  })
  @ApiOkResponse({ type: FeePlanInForceView })
  current(@Param('id') id: string, @Query() query: FeePlanInForceQuery): Promise<FeePlanInForceView> {
    return this.getInForce.execute({ merchantId: id, at: query.at ? new Date(query.at) : undefined });
  }

  @Post('fee-plans')
  @ApiNotFound()
  @RequireScopes('merchants:write')
  @ApiOperation({
    summary: 'Change fee terms; an increase is announced (FeeChangeAnnounced) and applied later',
  })
  @ApiCreatedResponse({ description: 'The new plan version' })
  @ApiUnprocessable('notice_period_too_short')
  change(
    @Param('id') id: string,
    @Body() body: ChangeFeePlanDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<object> {
    return this.scheduleChange.execute({
      merchantId: id,
      feePlanId: body.feePlanId,
      terms: body.terms,
      effectiveFrom: body.effectiveFrom ? new Date(body.effectiveFrom) : undefined,
      compensation: body.compensation,
      actor: key.id,
    });
  }

  @Post('fee-promotions')
  @ApiNotFound()
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Grant X bps off for N days; it ends by itself' })
  @ApiCreatedResponse({ description: 'The promotion' })
  grant(
    @Param('id') id: string,
    @Body() body: GrantPromotionDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<object> {
    return this.grantPromotion.execute({ merchantId: id, ...body, actor: key.id });
  }
}
