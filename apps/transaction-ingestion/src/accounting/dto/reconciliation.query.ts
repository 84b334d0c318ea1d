import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** Query of GET /v1/reconciliation. */
export class ReconciliationQuery {
  @ApiProperty({ example: 'acq-1' })
  @IsString()
  @Length(1, 64)
  acquirerId: string;

  @ApiProperty({ example: '2026-03-01', description: 'Business date: UTC date of occurredAt' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
}
