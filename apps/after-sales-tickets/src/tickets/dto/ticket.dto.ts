import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TICKET_CATEGORIES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '@merchant-pulse/contracts';
import type { TicketCategory, TicketChannel, TicketPriority, TicketStatus } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Channels a person may open a ticket through (proactive tickets come from terminal health only). */
const MANUAL_CHANNELS = TICKET_CHANNELS.filter((c) => c !== 'proactive');

/** Open a ticket (phone, online, email or a campaign hand-over). */
export class OpenTicketDto {
  @ApiProperty({ example: 'M-000123' })
  @Matches(ID, { message: 'merchantId must be an identifier' })
  merchantId: string;

  @ApiPropertyOptional({
    example: 'T-0001',
    description: 'Terminal concerned (device, card-read and network tickets)',
  })
  @IsOptional()
  @Matches(ID, { message: 'terminalId must be an identifier' })
  terminalId?: string;

  @ApiProperty({ enum: TICKET_CATEGORIES })
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  @ApiProperty({ enum: MANUAL_CHANNELS })
  @IsIn(MANUAL_CHANNELS)
  channel: TicketChannel;

  @ApiPropertyOptional({
    enum: TICKET_PRIORITIES,
    default: 'normal',
    description: 'The SLA rules may raise it',
  })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  subject: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;
}

/** Move a ticket along open → assigned → in_progress ⇄ waiting_on_merchant → resolved → closed. */
export class ChangeTicketStatusDto {
  @ApiProperty({ enum: TICKET_STATUSES })
  @IsIn(TICKET_STATUSES)
  to: TicketStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Resolution summary (resolved, closed)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  resolution?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    description:
      'Resolve a device/card-read/network ticket without the verifying transaction (required for those)',
  })
  @IsOptional()
  @IsString()
  @Length(5, 500)
  overrideReason?: string;
}

/** Edit audited fields (each change lands in the history with the reason). */
export class UpdateTicketDto {
  @ApiProperty({ maxLength: 500, description: 'Why (kept in the audit trail)' })
  @IsString()
  @Length(1, 500)
  reason: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: TICKET_CATEGORIES })
  @IsOptional()
  @IsIn(TICKET_CATEGORIES)
  category?: TicketCategory;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'terminalId must be an identifier' })
  terminalId?: string;

  @ApiPropertyOptional({ description: 'Declare the fix applied: the next approved transaction verifies it' })
  @IsOptional()
  @IsBoolean()
  fixApplied?: boolean;
}

/** A note (internal) or a reply (to the merchant; counts for the SLA). */
export class TicketMessageDto {
  @ApiProperty({ enum: ['note', 'reply'] })
  @IsIn(['note', 'reply'])
  kind: 'note' | 'reply';

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  body: string;
}

/** Link to a related ticket. */
export class LinkTicketDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'relatedId must be a ticket id' })
  relatedId: string;
}

/** Merge this (duplicate) ticket into another. */
export class MergeTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket that carries on' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'intoTicketId must be a ticket id' })
  intoTicketId: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/** Manual reassignment: an agent, or a team (routing picks its agent). */
export class AssignmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'agentId must be an identifier' })
  agentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'teamId must be an identifier' })
  teamId?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason: string;
}

/** Filters of the ticket list. */
export class ListTicketsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'merchantId must be an identifier' })
  merchantId?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'teamId must be an identifier' })
  teamId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** A ticket. */
export class TicketView {
  @ApiProperty() id: string;
  @ApiProperty() merchantId: string;
  @ApiPropertyOptional({ nullable: true }) terminalId: string | null;
  @ApiProperty({ enum: TICKET_CATEGORIES }) category: string;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel: string;
  @ApiProperty() source: string;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty() subject: string;
  @ApiProperty() teamId: string;
  @ApiPropertyOptional({ nullable: true }) assigneeId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'remote_diagnosis, field_visit, verify_by_transaction',
  })
  nextStep: string | null;
  @ApiPropertyOptional({ nullable: true }) slaRule: string | null;
  @ApiPropertyOptional({ nullable: true }) firstResponseDueAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) resolutionDueAt: Date | null;
  @ApiProperty() openedAt: Date;
  @ApiPropertyOptional({ nullable: true }) resolvedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, enum: ['transaction', 'terminal_recovered', 'override'] })
  verifiedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) verifiedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) mergedIntoId: string | null;
}

/** A ticket with messages, links, attachments, evidence, visits, survey and (device tickets) terminal context. */
export class TicketDetailsView {
  @ApiProperty({ type: TicketView }) ticket: TicketView;
  @ApiPropertyOptional({
    nullable: true,
    example: 'resolved, verified by transaction at 2026-04-11T01:30:00.000Z',
  })
  resolutionNote: string | null;
  @ApiProperty({ type: [Object] }) messages: object[];
  @ApiProperty({ type: [Object] }) links: object[];
  @ApiProperty({ type: [Object] }) attachments: object[];
  @ApiProperty({ type: [Object] }) evidence: object[];
  @ApiProperty({ type: [Object] }) fieldVisits: object[];
  @ApiPropertyOptional({ type: Object, nullable: true }) survey: object | null;
  @ApiPropertyOptional({ type: [Object], nullable: true }) terminalHealth: object[] | null;
  @ApiPropertyOptional({ type: [Object], nullable: true }) recentActivity: object[] | null;
}

/** One audited change. */
export class TicketHistoryView {
  @ApiProperty() at: Date;
  @ApiProperty() actor: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true }) field: string | null;
  @ApiPropertyOptional({ nullable: true }) oldValue: string | null;
  @ApiPropertyOptional({ nullable: true }) newValue: string | null;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
}
