import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsText, TICKET_CATEGORIES } from '@merchant-pulse/contracts';
import type { TicketCategory } from '@merchant-pulse/contracts';
import { VISIT_KINDS } from '../care-schedule.policy';
import type { VisitKind } from '../care-schedule.policy';
import type { SurveyGrouping } from '../care.repository';
import { VISIT_OUTCOMES } from '../use-cases/record-visit-outcome/record-visit-outcome.command';
import type { VisitOutcome } from '../use-cases/record-visit-outcome/record-visit-outcome.command';

/** A complaint heard on the call: becomes an after-sales ticket. */
export class VisitComplaintDto {
  @ApiProperty({ enum: TICKET_CATEGORIES, example: 'fee_complaint' })
  @IsIn(TICKET_CATEGORIES)
  category: TicketCategory;

  @ApiProperty({ example: '上月手续费比预期高，商户不理解扣费明细' })
  @IsText(3, 400)
  summary: string;
}

/** `POST /v1/care/visits/{id}/outcome`. */
export class RecordVisitOutcomeDto {
  @ApiProperty({ enum: VISIT_OUTCOMES, example: 'reached' })
  @IsIn(VISIT_OUTCOMES)
  outcome: VisitOutcome;

  @ApiPropertyOptional({ type: [String], example: ['想增加一台终端', '咨询扫码收款费率'], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsText(1, 200, { each: true })
  needs?: string[];

  @ApiPropertyOptional({ type: VisitComplaintDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisitComplaintDto)
  complaint?: VisitComplaintDto;

  @ApiPropertyOptional({ example: true, description: 'The merchant asked for cashier/QR training' })
  @IsOptional()
  @IsBoolean()
  trainingRequested?: boolean;

  @ApiPropertyOptional({ example: '老板很满意，下月新开分店' })
  @IsOptional()
  @IsText(1, 1000)
  note?: string;
}

/** `POST /v1/care/visits`: open a return visit (a call) for one merchant now. */
export class OpenCareVisitDto {
  @ApiProperty({ example: 'M-0001' })
  @Matches(/^[\x21-\x7E]{1,64}$/, { message: 'merchantId must be 1–64 printable ASCII characters' })
  merchantId: string;

  @ApiProperty({
    example: '风险商户清单：交易量下降 62%',
    description: 'Why the call, shown to the agent in the visit script',
  })
  @IsText(1, 200)
  reason: string;

  @ApiPropertyOptional({
    example: '老板上周投诉过到账慢',
    description: 'Anything else the agent should know',
  })
  @IsOptional()
  @IsText(1, 1000)
  note?: string;
}

/** `GET /v1/care/visits?merchantId=&kind=&limit=`. */
export class VisitListQuery {
  @ApiPropertyOptional({ example: 'M-0001' })
  @IsOptional()
  @Matches(/^[\x21-\x7E]{1,64}$/, { message: 'merchantId must be 1–64 printable ASCII characters' })
  merchantId?: string;

  @ApiPropertyOptional({ enum: VISIT_KINDS })
  @IsOptional()
  @IsIn(VISIT_KINDS)
  kind?: VisitKind;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** `POST /v1/care/surveys/{token}`: the merchant's answer. */
export class AnswerCareSurveyDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4, description: '1 very unhappy … 5 very happy' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10,
    example: 8,
    description: 'Would recommend us (NPS), optional',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  nps?: number;

  @ApiPropertyOptional({ example: '到账速度很快，希望客服电话更好打通' })
  @IsOptional()
  @IsText(1, 1000)
  comment?: string;
}

export const SURVEY_GROUPINGS: readonly SurveyGrouping[] = ['tier', 'region', 'category'];

/** `GET /v1/care/surveys/results?by=&quarter=`. */
export class SurveyResultsQuery {
  @ApiPropertyOptional({ enum: SURVEY_GROUPINGS, default: 'tier' })
  @IsOptional()
  @IsIn(SURVEY_GROUPINGS)
  by?: SurveyGrouping;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q1' })
  quarter?: string;
}

/** `POST /v1/care/runs`: which part of the programme to run now. */
export class CareRunDto {
  @ApiPropertyOptional({
    type: [String],
    enum: ['visits', 'surveys', 'training'],
    example: ['visits'],
    description: 'Default: all three',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(['visits', 'surveys', 'training'], { each: true })
  parts?: Array<'visits' | 'surveys' | 'training'>;
}
