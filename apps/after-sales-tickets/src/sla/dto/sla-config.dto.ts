import { IsUtcInstant } from '@merchant-pulse/contracts';
import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_PRIORITIES } from '@merchant-pulse/contracts';
import type { TicketPriority } from '@merchant-pulse/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A 400 in the shape of the validation pipe's, from `field: message` issues. */
export function invalid(issues: string[]): BadRequestException {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const at = issue.indexOf(': ');
    const field = at > 0 ? issue.slice(0, at) : 'body';
    byField.set(field, [...(byField.get(field) ?? []), at > 0 ? issue.slice(at + 2) : issue]);
  }
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [...byField].map(([field, messages]) => ({ field, messages })),
  });
}

/** A business calendar (PUT /v1/sla/calendars/{id}). */
export class CalendarDto {
  @ApiProperty({ example: 'Shenzhen field team' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA timezone' })
  @IsString()
  @Length(1, 64)
  timezone: string;

  @ApiProperty({ enum: ['business_hours', '24x7'] })
  @IsIn(['business_hours', '24x7'])
  mode: 'business_hours' | '24x7';

  @ApiProperty({
    example: {
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    },
    description: 'Working intervals per weekday (mon … sun); a missing day is closed',
  })
  @IsObject()
  weeklyHours: Record<string, Array<{ start: string; end: string }>>;

  @ApiPropertyOptional({ example: 'CN', description: 'Public holiday region whose schedules apply' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  holidayRegion?: string;

  @ApiPropertyOptional({ example: ['2026-12-24'], description: 'Extra closed dates' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(DATE, { each: true })
  holidays?: string[];

  @ApiPropertyOptional({ example: [], description: 'Extra working dates' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(DATE, { each: true })
  workdays?: string[];
}

/** One year of a region's public holidays (PUT /v1/sla/holiday-schedules/{region}/{year}). */
export class HolidayScheduleDto {
  @ApiProperty({ example: ['2027-01-01'], description: 'Closed dates' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(DATE, { each: true })
  holidays: string[];

  @ApiProperty({ example: [], description: 'Make-up working days (调休)' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(DATE, { each: true })
  workdays: string[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString()
  @Length(1, 500)
  source: string;
}

/** Which calendar a team's tickets count on (PUT /v1/sla/team-calendars/{teamId}). */
export class TeamCalendarDto {
  @ApiProperty({ example: 'cn-business-hours' })
  @Matches(ID)
  calendarId: string;
}

/** An SLA policy (PUT /v1/sla/policies/{id}). */
export class PolicyDto {
  @ApiProperty({ example: 'Standard' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    example: null,
    description: "Calendar id; null/absent = the ticket's team calendar",
  })
  @IsOptional()
  @Matches(ID)
  calendarId?: string | null;

  @ApiProperty({
    example: { urgent: { first_response: 900, next_response: 1800, resolution: 14400 } },
    description: 'Business seconds per priority (low, normal, high, urgent) and SLA kind',
  })
  @IsObject()
  targets: Record<TicketPriority, Record<string, number>>;

  @ApiPropertyOptional({
    example: 2,
    description: 'Breach levels that escalate (level n due after n targets)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  escalationLevels?: number;
}

/** A policy selection rule (PUT /v1/sla/rules/{id}). */
export class RuleDto {
  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position: number;

  @ApiProperty({ example: 'at-risk high-value merchant' })
  @IsString()
  @Length(1, 300)
  description: string;

  @ApiProperty({
    example: { valueTiers: ['high'], behaviourTiers: ['at_risk'] },
    description:
      'categories, channels, valueTiers, behaviourTiers, riskBands, slaTiers (membership: standard, priority, vip): each listed field must match',
  })
  @IsObject()
  match: Record<string, string[]>;

  @ApiProperty({ example: 'priority-24x7' })
  @Matches(ID)
  policyId: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  minPriority?: TicketPriority;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Query of the SLA report. */
export class SlaReportQueryDto {
  @ApiProperty({ example: '2026-10-01T00:00:00.000Z', description: 'Tickets opened from (inclusive)' })
  @IsUtcInstant()
  from: string;

  @ApiProperty({ example: '2026-11-01T00:00:00.000Z', description: 'Tickets opened before (exclusive)' })
  @IsUtcInstant()
  to: string;

  @ApiPropertyOptional({ example: 'team-device' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  teamId?: string;
}
