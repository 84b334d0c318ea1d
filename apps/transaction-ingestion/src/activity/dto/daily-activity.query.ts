import { ApiProperty } from '@nestjs/swagger';
import { IsLocalDate } from '@merchant-pulse/contracts';

/** Query of GET /v1/merchants/:merchantId/daily-activity (merchant-local dates, inclusive). */
export class DailyActivityQuery {
  @ApiProperty({ example: '2026-03-01' })
  @IsLocalDate({ message: 'from must be a real date YYYY-MM-DD in the years 1900-9998' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsLocalDate({ message: 'to must be a real date YYYY-MM-DD in the years 1900-9998' })
  to: string;
}
