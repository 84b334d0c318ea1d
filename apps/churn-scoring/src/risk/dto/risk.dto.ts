import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BEHAVIOUR_TIERS, SCORE_BANDS, VALUE_TIERS } from '@merchant-pulse/contracts';
import type { BehaviourTier, ScoreBand, ValueTier } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DEFAULT_RISK_SORT, RISK_SORTS } from '../risk-cursor';
import type { RiskSort } from '../risk-cursor';

/** One reason behind a score. */
export class RiskReasonDto {
  @ApiProperty({ example: 'volume_drop' }) code: string;
  @ApiProperty({ example: 'Volume −62% vs baseline (last 28 days vs the 8 weeks before, same weekdays)' })
  message: string;
  @ApiProperty({
    example: { changePct: -62, last28dAmountMinor: 120000 },
    type: 'object',
    additionalProperties: true,
  })
  evidence: Record<string, string | number | boolean | null>;
}

/** A declared temporary closure. */
export class DeclaredClosureDto {
  @ApiProperty({ example: '2027-02-04' }) startsOn: string;
  @ApiProperty({ example: '2027-02-14' }) endsOn: string;
  @ApiProperty({ example: 'spring_festival' }) reason: string;
}

/** The hazard model's early warning. */
export class EarlyWarningDto {
  @ApiProperty({ example: 'hazard-2026-07-03.1+bgbb' }) modelVersion: string;
  @ApiProperty({ example: 0.34 }) pDormant30d: number;
  @ApiProperty({
    type: [RiskReasonDto],
    description:
      'Features that pushed pDormant30d up most (coefficient × the merchant deviation), in words with evidence',
  })
  reasons: RiskReasonDto[];
  @ApiPropertyOptional({ type: DeclaredClosureDto, nullable: true })
  declaredClosure: DeclaredClosureDto | null;
}

/** A merchant's current risk. */
export class MerchantRiskDto {
  @ApiProperty({ example: 'M000123' }) merchantId: string;
  @ApiProperty({ example: 71, minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ enum: SCORE_BANDS, example: 'high' }) scoreBand: ScoreBand;
  @ApiProperty({ enum: BEHAVIOUR_TIERS, example: 'at_risk' }) behaviourTier: BehaviourTier;
  @ApiProperty({ enum: VALUE_TIERS, example: 'mid' }) valueTier: ValueTier;
  @ApiPropertyOptional({
    example: 0.18,
    nullable: true,
    description: 'BG/NBD P(alive); null for new merchants',
  })
  pAlive: number | null;
  @ApiProperty({ type: [RiskReasonDto] }) reasons: RiskReasonDto[];
  @ApiProperty({ example: 'bgnbd-2026-03-01.1' }) modelVersion: string;
  @ApiProperty({ example: '2026-03-01', description: 'Last day of activity the score uses' })
  asOfDate: string;
  @ApiProperty({ example: '2026-03-02T01:00:00.000Z' }) scoredAt: string;
  @ApiProperty({ example: 45000, description: 'Trailing 90-day fee revenue, fen' })
  trailing90dFeeMinor: number;
  @ApiPropertyOptional({
    example: 0.34,
    nullable: true,
    description:
      'Calibrated probability that the merchant starts a 30-day dormancy within 30 days (early-warning hazard model); ' +
      'at_risk from 0.30. Null until a hazard model is current, or without activity',
  })
  pDormant30d: number | null;
  @ApiPropertyOptional({ type: () => EarlyWarningDto, nullable: true })
  earlyWarning: EarlyWarningDto | null;
  @ApiPropertyOptional({
    example: 'east',
    nullable: true,
    description: "Sales region from the registry's profile (merchant.lifecycle.v1); null until known",
  })
  region: string | null;
  @ApiPropertyOptional({ example: 'Shanghai', nullable: true, description: 'City of the main store' })
  city: string | null;
}

/** One change of a merchant's band or tier. */
export class RiskHistoryEntryDto {
  @ApiProperty({ example: 71 }) score: number;
  @ApiProperty({ enum: SCORE_BANDS }) band: ScoreBand;
  @ApiProperty({ enum: BEHAVIOUR_TIERS }) behaviourTier: BehaviourTier;
  @ApiProperty({ enum: VALUE_TIERS }) valueTier: ValueTier;
  @ApiProperty({ type: [RiskReasonDto] }) reasons: RiskReasonDto[];
  @ApiProperty({ example: 'bgnbd-2026-03-01.1' }) modelVersion: string;
  @ApiProperty({ example: '2026-03-01' }) asOfDate: string;
  @ApiProperty({ example: '2026-03-02T01:00:00.000Z' }) scoredAt: string;
}

/** Current risk and the history of changes (newest first). */
export class MerchantRiskWithHistoryDto extends MerchantRiskDto {
  @ApiProperty({ type: [RiskHistoryEntryDto] }) history: RiskHistoryEntryDto[];
}

/** Filters of the ranked list. */
export class ListRisksQueryDto {
  @ApiPropertyOptional({ enum: BEHAVIOUR_TIERS })
  @IsOptional()
  @IsIn(BEHAVIOUR_TIERS)
  behaviourTier?: BehaviourTier;
  @ApiPropertyOptional({ enum: VALUE_TIERS }) @IsOptional() @IsIn(VALUE_TIERS) valueTier?: ValueTier;
  @ApiPropertyOptional({ enum: SCORE_BANDS, description: 'Only merchants in this score band' })
  @IsOptional()
  @IsIn(SCORE_BANDS)
  scoreBand?: ScoreBand;
  @ApiPropertyOptional({ example: 'volume_drop', description: 'Only merchants with this reason code' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'reason must be a snake_case reason code' })
  reason?: string;
  @ApiPropertyOptional({ example: 'east', description: 'Only merchants of this sales region (exact)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;
  @ApiPropertyOptional({
    enum: RISK_SORTS,
    default: DEFAULT_RISK_SORT,
    description:
      'Order: `-` first for descending. score, pDormant30d (unknown sorts as -1), fee90d (trailing 90-day fee), ' +
      'merchantId. Ties by merchant id in the opposite direction. A cursor is valid only with the sort it was made under',
  })
  @IsOptional()
  @IsIn(RISK_SORTS)
  sort?: RiskSort;
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** A page of the ranked list, in the requested sort. */
export class RiskPageDto {
  @ApiProperty({ type: [MerchantRiskDto] }) items: MerchantRiskDto[];
  @ApiPropertyOptional({
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

/** A region of scored merchants. */
export class RiskRegionDto {
  @ApiProperty({ example: 'East China' }) region: string;
}

/** The regions of scored merchants, by name. */
export class RiskRegionsDto {
  @ApiProperty({ type: [RiskRegionDto] }) items: RiskRegionDto[];
}

/** Outcome of a full rescoring run. */
export class RescoreRunDto {
  @ApiProperty({ example: 'rescore-all-2026-03-01' }) jobId: string;
  @ApiProperty({
    example: { scored: 1200, changed: 37, modelVersion: 'bgnbd-2026-03-01.1' },
    type: 'object',
    additionalProperties: true,
  })
  result: unknown;
}
