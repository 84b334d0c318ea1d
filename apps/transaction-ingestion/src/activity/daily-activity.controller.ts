import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { MerchantDailyActivityV1 } from '@merchant-pulse/contracts';
import { API_KEY_SECURITY_SCHEME, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { DailyActivityQuery } from './dto/daily-activity.query';
import { DailyActivityRepository } from './daily-activity.repository';
import { toDailyActivityPayload } from './daily-activity.snapshot';

/** Daily activity per merchant-local date, in the same shape as the MerchantDailyActivity events. */
@ApiTags('daily activity')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@ApiStandardErrors()
@Controller('v1/merchants')
export class DailyActivityController {
  constructor(
    private readonly activity: DailyActivityRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get(':merchantId/daily-activity')
  @RequireScopes('transactions:read')
  @ApiOperation({ summary: "A merchant's daily activity between two local dates (inclusive)" })
  @ApiOkResponse({ schema: { example: { items: [{ date: '2026-03-01', approvedCount: 120 }] } } })
  async list(
    @Param('merchantId') merchantId: string,
    @Query() query: DailyActivityQuery,
  ): Promise<{ items: MerchantDailyActivityV1[] }> {
    const rows = await this.activity.listByMerchant(merchantId, query.from, query.to);
    const asOf = this.clock.now();
    return { items: rows.map((row) => toDailyActivityPayload(row, asOf)) };
  }
}
