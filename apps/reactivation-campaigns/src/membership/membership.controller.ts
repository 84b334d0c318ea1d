import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { TIERS } from './membership.policy';
import { MembershipRepository } from './membership.repository';
import { RecalculateMembershipsUseCase } from './use-cases/recalculate-memberships/recalculate-memberships.use-case';

/** Membership tiers (standard, silver, gold, VIP) and their privileges. */
@ApiTags('membership')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/memberships')
export class MembershipController {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly recalculate: RecalculateMembershipsUseCase,
  ) {}

  @Get('tiers')
  @RequireScopes('membership:read')
  @ApiOperation({
    summary: 'Tier thresholds (trailing 90-day net volume, tenure), exit share and privileges',
  })
  tiers(): object {
    return { tiers: TIERS, exitShare: 0.8 };
  }

  @Get('summary')
  @RequireScopes('membership:read')
  @ApiOperation({ summary: 'Merchants per tier' })
  async summary(): Promise<object> {
    return { byTier: await this.memberships.countsByTier() };
  }

  @Get('merchants/:id')
  @RequireScopes('membership:read')
  @ApiOperation({ summary: "A merchant's tier, its inputs and its change history" })
  async get(@Param('id') id: string): Promise<object> {
    const membership = await this.memberships.find(id);
    if (!membership) throw new NotFoundException({ message: `no membership for merchant ${id}` });
    return membership;
  }

  @Post('recalculations')
  @HttpCode(200)
  @RequireScopes('membership:write')
  @ApiOperation({ summary: 'Recalculate every tier now (the job does it every LOYALTY_JOBS_EVERY_MS)' })
  run(): Promise<object> {
    return this.recalculate.execute();
  }
}
