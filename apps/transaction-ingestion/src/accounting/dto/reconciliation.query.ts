import { ApiProperty } from '@nestjs/swagger';
import { IsLocalDate } from '@merchant-pulse/contracts';
import { IsString, Length } from 'class-validator';

/** Query of GET /v1/reconciliation. */
export class ReconciliationQuery {
  @ApiProperty({ example: 'acq-1' })
  @IsString()
  @Length(1, 64)
  acquirerId: string;

  @ApiProperty({ example: '2026-03-01', description: 'Business date: UTC date of occurredAt' })
  @IsLocalDate({ message: 'date must be a real date YYYY-MM-DD in the years 1900-9998' })
  date: string;
}
