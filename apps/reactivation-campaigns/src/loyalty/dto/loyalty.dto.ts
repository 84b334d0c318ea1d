import { IsLocalDate } from '@merchant-pulse/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import { RULE_BASES } from '../rules/accrual-rules';
import type { RuleBasis } from '../rules/accrual-rules';

const REQUEST_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** `POST /v1/loyalty/merchants/{id}/adjustments`. */
export class AdjustPointsDto {
  @ApiProperty({ example: -200, description: 'Signed, non-zero: credit (+) or debit (−) of the merchant' })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  points: number;

  @ApiProperty({ example: 'goodwill for the outage of 2026-03-04' })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiProperty({
    example: 'adj-2026-03-05-0001',
    description: 'Client key: the same adjustment twice posts once',
  })
  @Matches(REQUEST_KEY, { message: 'requestKey must be 8–100 characters of letters, digits, . _ : -' })
  requestKey: string;
}

/** `POST /v1/loyalty/merchants/{id}/redemptions`. */
export class RedeemPointsDto {
  @ApiProperty({
    example: 'fee-relief-10bps-30d',
    description: 'A catalogue item id (GET /v1/loyalty/catalogue)',
  })
  @IsString()
  @Length(1, 100)
  item: string;

  @ApiProperty({
    example: 'redeem-7f3a9c10',
    description: 'Client key: a retried request is the same redemption',
  })
  @Matches(REQUEST_KEY, { message: 'requestKey must be 8–100 characters of letters, digits, . _ : -' })
  requestKey: string;
}

/** `POST /v1/loyalty/rules`: the next version of a rule (or a new rule). */
export class DefineRuleDto {
  @ApiProperty({ example: 'qr-volume' })
  @Matches(/^[a-z][a-z0-9-]{1,49}$/, { message: 'ruleId must be lower-case letters, digits and dashes' })
  ruleId: string;

  @ApiProperty({ enum: RULE_BASES })
  @IsIn(RULE_BASES)
  basis: RuleBasis;

  @ApiProperty({ example: 4, description: 'Points per unit (or per trading day); 0 retires the rule' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  points: number;

  @ApiPropertyOptional({ example: 10000, description: 'Volume unit in fen; required for volume rules' })
  @ValidateIf((o: DefineRuleDto) => o.basis !== 'trading_day')
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  perMinor?: number;

  @ApiProperty({ example: '2026-05-01', description: 'Local date; after today (rules are never back-dated)' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiProperty({ example: '1 point + 3 bonus per 100 CNY of net QR volume' })
  @IsString()
  @Length(3, 200)
  description: string;
}

/** `GET /v1/loyalty/merchants/{id}/statement`. */
export class StatementQuery {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
