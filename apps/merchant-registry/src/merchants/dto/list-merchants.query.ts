import { ApiPropertyOptional } from '@nestjs/swagger';
import { BEHAVIOUR_TIERS, IsDateOrInstant, MERCHANT_STATUSES, VALUE_TIERS } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** `GET /v1/merchants` filters (AND-combined), newest first, cursor-paginated. */
export class ListMerchantsQuery {
  @ApiPropertyOptional({ enum: MERCHANT_STATUSES, example: 'active' })
  @IsOptional()
  @IsIn(MERCHANT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: BEHAVIOUR_TIERS, example: 'at_risk', description: 'Behaviour tier' })
  @IsOptional()
  @IsIn(BEHAVIOUR_TIERS)
  tier?: string;

  @ApiPropertyOptional({ enum: VALUE_TIERS, example: 'high' })
  @IsOptional()
  @IsIn(VALUE_TIERS)
  valueTier?: string;

  @ApiPropertyOptional({ example: 'Shanghai' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ example: 'East China' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Created at or after (inclusive)' })
  @IsOptional()
  @IsDateOrInstant()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'Created before (exclusive)' })
  @IsOptional()
  @IsDateOrInstant()
  createdTo?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
