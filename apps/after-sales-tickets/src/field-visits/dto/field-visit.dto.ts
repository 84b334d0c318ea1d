import { IsUtcInstant } from '@merchant-pulse/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FIELD_VISIT_STATUSES } from '../field-visit.repository';
import type { FieldVisitStatus } from '../field-visit.repository';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Ask for an on-site repair. */
export class RequestFieldVisitDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(1, 300)
  address: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'engineer must be an identifier' })
  engineer?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-04-11T01:00:00.000Z' })
  @IsOptional()
  @IsUtcInstant()
  windowStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-04-11T01:00:00.000Z' })
  @IsOptional()
  @IsUtcInstant()
  windowEnd?: string;
}

/** Move a visit: scheduled (engineer + window), en_route, on_site, done | failed (outcome). */
export class ChangeFieldVisitDto {
  @ApiProperty({ enum: FIELD_VISIT_STATUSES })
  @IsIn(FIELD_VISIT_STATUSES)
  to: FieldVisitStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'engineer must be an identifier' })
  engineer?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-04-11T01:00:00.000Z' })
  @IsOptional()
  @IsUtcInstant()
  windowStart?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-04-11T01:00:00.000Z' })
  @IsOptional()
  @IsUtcInstant()
  windowEnd?: string;

  @ApiPropertyOptional({ type: [String], example: ['card reader module'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  partsUsed?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  outcome?: string;
}

/** A field visit. */
export class FieldVisitView {
  @ApiProperty() id: string;
  @ApiProperty() ticketId: string;
  @ApiProperty({ enum: FIELD_VISIT_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true }) engineer: string | null;
  @ApiPropertyOptional({ nullable: true }) windowStart: Date | null;
  @ApiPropertyOptional({ nullable: true }) windowEnd: Date | null;
  @ApiProperty() address: string;
  @ApiProperty({ type: [String] }) partsUsed: string[];
  @ApiPropertyOptional({ nullable: true }) outcome: string | null;
}
