import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOrInstant } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Query of GET /v1/merchants/:merchantId/transactions. */
export class ListTransactionsQuery {
  @ApiPropertyOptional({
    example: '2026-03-01T00:00:00Z',
    description: 'Inclusive start (default: 30 days before to)',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-02T00:00:00Z', description: 'Exclusive end (default: now)' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
