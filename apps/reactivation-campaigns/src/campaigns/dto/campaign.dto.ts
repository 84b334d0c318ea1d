import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BEHAVIOUR_TIERS,
  IsIdentifier,
  IsText,
  IsUtcInstant,
  MERCHANT_KINDS,
  OUTREACH_CHANNELS,
  VALUE_TIERS,
} from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from '../campaign';
import type { CampaignKind, CampaignStatus } from '../campaign';

const OFFER_KINDS = ['fee_discount', 'month_waived', 'device_check', 'training'] as const;

/** An offer attached to a step. */
export class OfferDto {
  @ApiProperty({ enum: OFFER_KINDS })
  @IsIn(OFFER_KINDS, { message: `kind must be one of ${OFFER_KINDS.join(', ')}` })
  kind: (typeof OFFER_KINDS)[number];

  @ApiPropertyOptional({ description: 'fee_discount: basis points off every channel rate', example: 10 })
  @ValidateIf((o: OfferDto) => o.kind === 'fee_discount')
  @IsInt()
  @Min(1)
  @Max(10_000)
  discountBps?: number;

  @ApiPropertyOptional({ description: 'fee_discount: days the discount lasts', example: 30 })
  @ValidateIf((o: OfferDto) => o.kind === 'fee_discount')
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;

  @ApiPropertyOptional({ description: 'Granted automatically at send (fee_discount, month_waived)' })
  @IsOptional()
  @IsBoolean()
  grantedAtSend?: boolean;
}

/** One step of the treatment arm. */
export class CampaignStepDto {
  @ApiProperty({ enum: OUTREACH_CHANNELS })
  @IsIn(OUTREACH_CHANNELS, { message: `channel must be one of ${OUTREACH_CHANNELS.join(', ')}` })
  channel: (typeof OUTREACH_CHANNELS)[number];

  @ApiPropertyOptional({ enum: OUTREACH_CHANNELS, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(OUTREACH_CHANNELS, { each: true })
  fallbackChannels?: Array<(typeof OUTREACH_CHANNELS)[number]>;

  @ApiProperty({ example: 0, description: 'Days after enrolment' })
  @IsInt()
  @Min(0)
  @Max(365)
  delayDays: number;

  @ApiProperty({ example: 'winback-sms' })
  @IsIdentifier({ message: 'templateId must be 1-64 printable ASCII characters' })
  templateId: string;

  @ApiPropertyOptional({
    enum: ['marketing', 'service'],
    description: 'Default: service for fee-change notices, else marketing',
  })
  @IsOptional()
  @IsIn(['marketing', 'service'])
  purpose?: 'marketing' | 'service';

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  onlyIfNotReactivated?: boolean;

  @ApiPropertyOptional({ enum: VALUE_TIERS, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @IsIn(VALUE_TIERS, { each: true })
  valueTiers?: string[];

  @ApiPropertyOptional({ type: OfferDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfferDto)
  offer?: OfferDto;
}

/** An optional list of merchant ids. */
function IdList(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(10_000)(target, key);
    IsIdentifier({ each: true })(target, key as string);
  };
}
/** An optional list of short texts. */
function TextList(): PropertyDecorator {
  return (target, key) =>
    [IsOptional(), IsArray(), ArrayMaxSize(200), IsString({ each: true })].forEach((d) => d(target, key));
}

/** Audience filters; every list empty or absent = any. */
export class AudienceFilterDto {
  @ApiPropertyOptional({ enum: BEHAVIOUR_TIERS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BEHAVIOUR_TIERS, {
    each: true,
    message: `each behaviourTiers value must be one of ${BEHAVIOUR_TIERS.join(', ')}`,
  })
  behaviourTiers?: string[];

  @ApiPropertyOptional({ enum: VALUE_TIERS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(VALUE_TIERS, {
    each: true,
    message: `each valueTiers value must be one of ${VALUE_TIERS.join(', ')}`,
  })
  valueTiers?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['no_transactions'],
    description: 'Any of these reason codes',
  })
  @IsOptional()
  @IsArray()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    each: true,
    message: 'each reasonCodes value must be a snake_case code',
  })
  reasonCodes?: string[];

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @IsInt()
  @Min(0)
  minDaysInactive?: number;

  @ApiPropertyOptional({ example: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  maxDaysInactive?: number;

  @ApiPropertyOptional({ type: [String] }) @TextList() regions?: string[];
  @ApiPropertyOptional({ type: [String] }) @TextList() cities?: string[];
  @ApiPropertyOptional({ type: [String] }) @TextList() categories?: string[];

  @ApiPropertyOptional({ enum: MERCHANT_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(MERCHANT_KINDS, { each: true })
  merchantKinds?: string[];

  @ApiPropertyOptional({ description: 'true: only with an open ticket; false: only without' })
  @IsOptional()
  @IsBoolean()
  hasOpenTicket?: boolean;

  @ApiPropertyOptional({ type: [String] }) @IdList() includeMerchantIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IdList() excludeMerchantIds?: string[];
}

/** Fields a draft campaign may set (all optional on PATCH). */
export class CampaignSettingsDto {
  @ApiPropertyOptional({ type: AudienceFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  audience?: AudienceFilterDto;

  @ApiPropertyOptional({
    type: [CampaignStepDto],
    description: 'Treatment steps in order; the holdout arm has none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CampaignStepDto)
  steps?: CampaignStepDto[];

  @ApiPropertyOptional({ default: 0.1, minimum: 0, maximum: 0.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(0.5)
  holdoutShare?: number;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(180)
  attributionDays?: number;

  @ApiPropertyOptional({
    default: 3,
    description: 'K: approved transactions on one local day that count as a conversion',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  conversionMinApproved?: number;

  @ApiPropertyOptional({ default: 30, description: 'Days after an exit before the merchant may re-enter' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  reentryCooldownDays?: number;
}

export class UpdateCampaignDto extends CampaignSettingsDto {
  @ApiPropertyOptional({ example: 'Win back dormant restaurants' })
  @IsOptional()
  @IsText(1, 200)
  name?: string;
}

export class CreateCampaignDto extends CampaignSettingsDto {
  @ApiProperty({ example: 'Win back dormant restaurants' })
  @IsText(1, 200)
  name: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS })
  @IsIn(CAMPAIGN_KINDS, { message: `kind must be one of ${CAMPAIGN_KINDS.join(', ')}` })
  kind: CampaignKind;
}

export class LaunchCampaignDto {
  @ApiPropertyOptional({
    description: 'Start later (campaign becomes scheduled); default now',
    example: '2026-03-02T01:00:00.000Z',
  })
  @IsOptional()
  @IsUtcInstant({ message: 'startsAt must be a UTC instant like 2026-03-02T01:00:00.000Z' })
  startsAt?: string;
}

export class ListCampaignsQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;

  @ApiPropertyOptional({ enum: CAMPAIGN_KINDS })
  @IsOptional()
  @IsIn(CAMPAIGN_KINDS)
  kind?: CampaignKind;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(200)
  sample?: number;
}
