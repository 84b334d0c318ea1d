import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiNotFound, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MerchantRepository } from '../merchants/merchant.repository';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { NotFoundError } from '../shared/domain.errors';
import { TimelineEntry, TimelineRepository } from './timeline.repository';

/** `GET /v1/merchants/{id}/timeline` paging. */
export class TimelineQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** A page of the merchant timeline, newest first. */
export class TimelinePageView {
  @ApiProperty({
    example: [
      {
        eventId: '0195f3c2-7b1a-7c3e-9a4b-2d6f8e1a0b3c',
        merchantId: 'M310115000000001',
        occurredAt: '2026-03-01T02:00:00.000Z',
        source: 'churn-scoring',
        type: 'MerchantRiskChanged',
        payload: { score: 72, behaviourTier: 'at_risk' },
      },
    ],
  })
  items: TimelineEntry[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

/** One timeline per merchant: registry changes plus other services' events about the merchant. */
@ApiTags('timeline')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/merchants/:id/timeline')
export class TimelineController {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly merchants: MerchantRepository,
  ) {}

  @Get()
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({ summary: 'Merchant timeline, newest first, cursor-paginated' })
  @ApiOkResponse({ type: TimelinePageView })
  async page(@Param('id') id: string, @Query() query: TimelineQuery): Promise<TimelinePageView> {
    if (!(await this.merchants.findById(id))) throw new NotFoundError('merchant', id);
    const limit = query.limit ?? 50;
    const rows = await this.timeline.page(
      id,
      limit + 1,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.occurredAt, id: last.eventId }) : null,
    };
  }
}
