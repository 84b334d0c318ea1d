import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Query of GET /v1/merchants/:merchantId/daily-activity (merchant-local dates, inclusive). */
export class DailyActivityQuery {
  @ApiProperty({ example: '2026-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to: string;
}
