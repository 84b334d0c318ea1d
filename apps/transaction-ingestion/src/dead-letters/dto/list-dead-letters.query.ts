import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEAD_LETTER_REASONS, IsDateOrInstant, IsIdentifier, IsLocalDate } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEAD_LETTER_STATUSES, DeadLetterStatus } from '../dead-letter.model';

/** Query of GET /v1/dead-letters. */
export class ListDeadLettersQuery {
  @ApiPropertyOptional({ enum: DEAD_LETTER_REASONS, example: 'unknown_merchant' })
  @IsOptional()
  @IsIn(DEAD_LETTER_REASONS)
  reason?: string;

  @ApiPropertyOptional({
    example: 'acq-1',
    description: 'Ledger acquirer (`unknown` for unparseable messages)',
  })
  @IsOptional()
  @IsIdentifier()
  acquirerId?: string;

  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Ledger day (UTC date of occurredAt)' })
  @IsOptional()
  @IsLocalDate({ message: 'businessDate must be a real date YYYY-MM-DD in the years 1900-9998' })
  businessDate?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'First seen at or after (inclusive)' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-02T00:00:00Z', description: 'First seen before (exclusive)' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
