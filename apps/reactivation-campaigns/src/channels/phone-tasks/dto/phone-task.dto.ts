import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PHONE_OUTCOMES } from '../phone-task.repository';
import type { PhoneOutcome } from '../phone-task.repository';

/** `GET /v1/phone-tasks?limit=`. */
export class PhoneQueueQuery {
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** `POST /v1/phone-tasks/{id}/outcome`. */
export class RecordPhoneOutcomeDto {
  @ApiProperty({ enum: PHONE_OUTCOMES, example: 'accepted_offer' })
  @IsIn(PHONE_OUTCOMES)
  outcome: PhoneOutcome;

  @ApiPropertyOptional({ example: '老板说下周恢复营业' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
