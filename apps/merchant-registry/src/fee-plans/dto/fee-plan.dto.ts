import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CompensationOfferV1, FeePlanTermsV1, IsDateOrInstant } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const TERMS_EXAMPLE = {
  rates: { credit: 60, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
  debitCapMinor: 2500,
};

/** `POST /v1/merchants/{id}/fee-plans`: new terms now or from a date (increases need notice). */
export class ChangeFeePlanDto {
  @ApiProperty({ example: 'standard-2026', description: 'Plan id or label' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: '$property must be a lower-case identifier' })
  feePlanId: string;

  @ApiProperty({ example: TERMS_EXAMPLE, description: 'Rates in bps per channel; debit cap in fen' })
  @ValidateNested()
  @Type(() => FeePlanTermsV1)
  terms: FeePlanTermsV1;

  @ApiPropertyOptional({
    example: '2026-05-01T00:00:00Z',
    description: 'Default now; increases need ≥ notice days',
  })
  @IsOptional()
  @IsDateOrInstant()
  effectiveFrom?: string;

  @ApiPropertyOptional({ example: { kind: 'month_waived', months: 1 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompensationOfferV1)
  compensation?: CompensationOfferV1;
}

/** `POST /v1/merchants/{id}/fee-promotions`: "X bps off for N days". */
export class GrantPromotionDto {
  @ApiProperty({ example: 10, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  bpsOff: number;

  @ApiProperty({ example: 30, minimum: 1, maximum: 366 })
  @IsInt()
  @Min(1)
  @Max(366)
  days: number;

  @ApiPropertyOptional({ example: 'reactivation offer campaign C-12' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  reason?: string;
}
