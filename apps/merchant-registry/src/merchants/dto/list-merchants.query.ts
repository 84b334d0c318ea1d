import { ApiPropertyOptional } from '@nestjs/swagger';
import { BEHAVIOUR_TIERS, IsDateOrInstant, MERCHANT_STATUSES, VALUE_TIERS } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** 1–200 merchant ids, comma-separated, each of the id alphabet. */
const MERCHANT_ID_LIST = /^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,199}$/;

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

  @ApiPropertyOptional({
    example: '便利店',
    minLength: 2,
    maxLength: 100,
    description: 'Display or legal name contains this text (any case; `%` and `_` are literal)',
  })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({
    example: 'M-000123,M-000124',
    description:
      'Only these merchants: up to 200 comma-separated ids (a screen naming the rows it shows, in one call)',
  })
  @IsOptional()
  @IsString()
  @Matches(MERCHANT_ID_LIST, {
    message: 'ids must be 1 to 200 comma-separated merchant ids (letters, digits, - and _; up to 64 each)',
  })
  ids?: string;

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
