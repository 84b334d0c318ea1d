import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

/** `POST /v1/terminals`. */
export class CreateTerminalDto {
  @ApiPropertyOptional({ example: 'T00012345', description: 'TID; generated `T…` if absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: '$property must be 1–32 letters, digits or "-"' })
  terminalId?: string;

  @ApiProperty({ example: 'PAX-A920-0001234' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: '$property must be 1–64 letters, digits or "-"' })
  serialNumber: string;

  @ApiProperty({ example: 'PAX A920' })
  @IsString()
  @Length(1, 100)
  model: string;

  @ApiProperty({ example: '3.2.1' })
  @IsString()
  @Length(1, 40)
  firmwareVersion: string;
}

/** `POST /v1/terminals/{id}/assign`. */
export class AssignTerminalDto {
  @ApiProperty({ example: 'M310115000000001' })
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: '$property must be a merchant id' })
  merchantId: string;

  @ApiProperty({ example: '上海市浦东新区世纪大道100号1层' })
  @IsString()
  @Length(1, 300)
  address: string;
}

/** Terminal status changes besides assignment. */
export const TERMINAL_STATUS_TARGETS = ['active', 'faulty', 'inventory', 'retired'] as const;

/** `POST /v1/terminals/{id}/status`. */
export class TerminalStatusDto {
  @ApiProperty({ enum: TERMINAL_STATUS_TARGETS, example: 'faulty' })
  @IsIn(TERMINAL_STATUS_TARGETS)
  to: (typeof TERMINAL_STATUS_TARGETS)[number];

  @ApiPropertyOptional({ example: 'card reader broken, ticket T-123' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  reason?: string;
}

/** `POST /v1/terminals/{id}/recall`. */
export class RecallTerminalDto {
  @ApiProperty({ example: 'idle 45 days; merchant contacted on 2026-03-01, no answer' })
  @IsString()
  @Length(3, 300)
  reason: string;
}

/** A terminal. */
export class TerminalView {
  @ApiProperty({ example: 'T00012345' })
  id: string;
  @ApiProperty({ example: 'PAX-A920-0001234' })
  serialNumber: string;
  @ApiProperty({ example: 'PAX A920' })
  model: string;
  @ApiProperty({ example: '3.2.1' })
  firmwareVersion: string;
  @ApiProperty({ example: 'assigned' })
  status: string;
  @ApiProperty({ example: 'M310115000000001', nullable: true, type: String })
  merchantId: string | null;
  @ApiProperty({ example: '上海市浦东新区世纪大道100号1层', nullable: true, type: String })
  address: string | null;
  @ApiPropertyOptional({
    example: [{ fromStatus: null, toStatus: 'inventory', changedAt: '2026-03-01T00:00:00.000Z' }],
  })
  history?: object[];
}
