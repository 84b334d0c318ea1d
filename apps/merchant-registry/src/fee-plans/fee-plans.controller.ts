import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyPrincipal, CurrentApiKey, RequireScopes } from '@merchant-pulse/http';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { TransactionRunner } from '../shared/transaction.runner';
import { ChangeFeePlanDto, FeePlanHistoryView, GrantPromotionDto } from './dto/fee-plan.dto';
import { FeePlanRepository } from './fee-plan.repository';
import { GrantPromotionUseCase } from './use-cases/grant-promotion/grant-promotion.use-case';
import { ScheduleFeeChangeUseCase } from './use-cases/schedule-fee-change/schedule-fee-change.use-case';

/** Versioned fee plans, announced increases and promotional discounts. */
@ApiTags('fee-plans')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@Controller('v1/merchants/:id')
export class FeePlansController {
  constructor(
    private readonly scheduleChange: ScheduleFeeChangeUseCase,
    private readonly grantPromotion: GrantPromotionUseCase,
    private readonly feePlans: FeePlanRepository,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('fee-plans')
  @RequireScopes('merchants:read')
  @ApiOperation({ summary: 'Plan versions (newest first) and the fee-plan audit trail' })
  @ApiOkResponse({ type: FeePlanHistoryView })
  async history(@Param('id') id: string): Promise<FeePlanHistoryView> {
    return {
      versions: await this.feePlans.history(this.tx.manager, id),
      audit: await this.feePlans.auditOf(this.tx.manager, id),
    };
  }

  @Post('fee-plans')
  @RequireScopes('merchants:write')
  @ApiOperation({
    summary: 'Change fee terms; an increase is announced (FeeChangeAnnounced) and applied later',
  })
  @ApiCreatedResponse({ description: 'The new plan version' })
  @ApiUnprocessableEntityResponse({ description: 'notice_period_too_short' })
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
