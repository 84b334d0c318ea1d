import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyPrincipal,
  ApiStandardErrors,
  CurrentApiKey,
  CursorParts,
  RequireScopes,
  decodeCursor,
  encodeCursor,
} from '@merchant-pulse/http';
import type { Response } from 'express';
import { AdjustPointsDto, DefineRuleDto, RedeemPointsDto, StatementQuery } from './dto/loyalty.dto';
import { LedgerRepository } from './ledger/ledger.repository';
import { RedemptionRepository } from './redemptions/redemption.repository';
import { ReferralRepository } from './referrals/referral.repository';
import { REWARD_CATALOGUE } from './redemptions/reward.catalogue';
import { LoyaltyRuleRepository } from './rules/loyalty-rule.repository';
import { AdjustPointsCommand } from './use-cases/adjust-points/adjust-points.command';
import { AdjustPointsUseCase } from './use-cases/adjust-points/adjust-points.use-case';
import { DefineRuleUseCase } from './use-cases/define-rule/define-rule.use-case';
import { ExpirePointsUseCase } from './use-cases/expire-points/expire-points.use-case';
import { ReconcileRedemptionsUseCase } from './use-cases/reconcile-redemptions/reconcile-redemptions.use-case';
import { RedeemPointsCommand } from './use-cases/redeem-points/redeem-points.command';
import { RedeemPointsUseCase } from './use-cases/redeem-points/redeem-points.use-case';

/** Loyalty points: balances, statements, adjustments, rules, the catalogue and redemptions. */
@ApiTags('loyalty')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/loyalty')
export class LoyaltyController {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly rules: LoyaltyRuleRepository,
    private readonly redemptions: RedemptionRepository,
    private readonly referrals: ReferralRepository,
    private readonly adjust: AdjustPointsUseCase,
    private readonly defineRule: DefineRuleUseCase,
    private readonly redeem: RedeemPointsUseCase,
    private readonly expire: ExpirePointsUseCase,
    private readonly reconcile: ReconcileRedemptionsUseCase,
  ) {}

  @Get('merchants/:id')
  @RequireScopes('loyalty:read')
  @ApiOperation({ summary: 'Balance (sum of ledger entries) and totals per kind of entry' })
  async balance(@Param('id') id: string): Promise<object> {
    return {
      merchantId: id,
      balance: await this.ledger.balance(id),
      byKind: await this.ledger.totalsByKind(id),
    };
  }

  @Get('merchants/:id/statement')
  @RequireScopes('loyalty:read')
  @ApiOperation({ summary: 'Ledger entries of the merchant, newest first (keyset-paginated)' })
  async statement(@Param('id') id: string, @Query() query: StatementQuery): Promise<object> {
    const limit = query.limit ?? 50;
    const before = query.cursor
      ? (([postedAt, journalId]) => ({ postedAt, journalId }))(
          decodeCursor(query.cursor, [CursorParts.instant, CursorParts.text(36)] as const),
        )
      : null;
    const lines = await this.ledger.statement(id, limit, before);
    const last = lines.at(-1);
    return {
      merchantId: id,
      lines,
      nextCursor: lines.length === limit && last ? encodeCursor([last.postedAt, last.journalId]) : null,
    };
  }

  @Post('merchants/:id/adjustments')
  @RequireScopes('loyalty:adjust')
  @ApiOperation({ summary: 'Manual adjustment with reason; the actor is the API key' })
  adjustPoints(
    @Param('id') id: string,
    @Body() body: AdjustPointsDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<object> {
    return this.adjust.execute(
      new AdjustPointsCommand(id, body.points, body.reason, key.id, body.requestKey),
    );
  }

  @Get('rules')
  @RequireScopes('loyalty:read')
  @ApiOperation({ summary: 'Every version of every accrual rule with its effective date' })
  async listRules(): Promise<object> {
    return { rules: await this.rules.all() };
  }

  @Post('rules')
  @RequireScopes('loyalty:admin')
  @ApiOperation({ summary: 'Add the next version of an accrual rule, effective from a future date' })
  addRule(@Body() body: DefineRuleDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<object> {
    return this.defineRule.execute({
      rule: {
        ruleId: body.ruleId,
        basis: body.basis,
        points: body.points,
        perMinor: body.basis === 'trading_day' ? null : (body.perMinor ?? null),
        effectiveFrom: body.effectiveFrom,
        description: body.description,
      },
      actor: key.id,
    });
  }

  @Get('catalogue')
  @RequireScopes('loyalty:read')
  @ApiOperation({ summary: 'What points can be redeemed for' })
  catalogue(): object {
    return { items: REWARD_CATALOGUE };
  }

  @Post('merchants/:id/redemptions')
  @RequireScopes('loyalty:redeem')
  @ApiOperation({
    summary:
      'Redeem points (201 done, 202 pending registry answer, 200 same requestKey again, 409 insufficient, 422 registry refused)',
  })
  async redeemPoints(
    @Param('id') id: string,
    @Body() body: RedeemPointsDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const { redemption, replayed } = await this.redeem.execute(
      new RedeemPointsCommand(id, body.item, body.requestKey, key.id),
    );
    res.status(replayed ? 200 : redemption.state === 'pending' ? 202 : 201);
    return redemption;
  }

  @Get('merchants/:id/redemptions')
  @RequireScopes('loyalty:read')
  async listRedemptions(@Param('id') id: string): Promise<object> {
    return { redemptions: await this.redemptions.list(id) };
  }

  @Get('merchants/:id/referrals')
  @RequireScopes('loyalty:read')
  @ApiOperation({
    summary: 'Merchants this merchant referred: waiting (for K trading days), rewarded or refused',
  })
  async listReferrals(@Param('id') id: string): Promise<object> {
    return { referrals: await this.referrals.list(id) };
  }

  @Get('summary')
  @RequireScopes('loyalty:read')
  @ApiOperation({
    summary: 'Programme totals: points issued, redeemed, expired, adjusted; redemptions by state',
  })
  async summary(): Promise<object> {
    return {
      points: await this.ledger.programmeTotals(),
      redemptions: await this.redemptions.countsByState(),
    };
  }

  @Post('expiry-runs')
  @HttpCode(200)
  @RequireScopes('loyalty:admin')
  @ApiOperation({ summary: 'Expire points now (the job does it every LOYALTY_JOBS_EVERY_MS)' })
  expireNow(): Promise<object> {
    return this.expire.execute();
  }

  @Post('redemption-reconciliations')
  @HttpCode(200)
  @RequireScopes('loyalty:admin')
  @ApiOperation({ summary: 'Settle redemptions whose registry answer was lost' })
  reconcileNow(): Promise<object> {
    return this.reconcile.execute();
  }
}
