import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CLOSURE_REASONS, IsLocalDate } from '@merchant-pulse/contracts';
import type { ClosureReason } from '@merchant-pulse/contracts';
import { REVIEW_REASON_CODES, STATUS_CHANGE_REASON_CODES } from '../merchant.vocabulary';

/**
 * Review decisions: start the review, approve, reject with reason codes, or send the application back
 * to draft for changes with reason codes (the merchant corrects it with PATCH and resubmits).
 */
export const REVIEW_DECISIONS = ['start', 'approve', 'reject', 'request_changes'] as const;

/** `POST /v1/merchants/{id}/review`. */
export class ReviewDecisionDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, example: 'reject' })
  @IsIn(REVIEW_DECISIONS)
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({ enum: REVIEW_REASON_CODES, isArray: true, example: ['document_unreadable'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @IsIn(REVIEW_REASON_CODES, { each: true })
  reasonCodes?: string[];

  @ApiPropertyOptional({ example: 'ID card photo is blurred' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  note?: string;
}

/** Status changes after onboarding. */
export const STATUS_CHANGE_TARGETS = ['suspended', 'active', 'closed', 'draft'] as const;

/** `POST /v1/merchants/{id}/status`: suspend, resume (active), close, or reopen a rejected application (draft). */
export class StatusChangeDto {
  @ApiProperty({ enum: STATUS_CHANGE_TARGETS, example: 'suspended' })
  @IsIn(STATUS_CHANGE_TARGETS)
  to: (typeof STATUS_CHANGE_TARGETS)[number];

  @ApiPropertyOptional({ enum: STATUS_CHANGE_REASON_CODES, isArray: true, example: ['compliance_hold'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(STATUS_CHANGE_REASON_CODES, { each: true })
  reasonCodes?: string[];

  @ApiPropertyOptional({ example: 'pending bank confirmation' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  note?: string;
}

/** `{ status }` after a transition. */
export class StatusView {
  @ApiProperty({ example: 'submitted' })
  status: string;
  @ApiProperty({ example: ['under_review', 'closed'], type: [String] })
  allowedNext: string[];
}

/** A stored document's record. */
export class DocumentView {
  @ApiProperty({ example: 'id_card_front' })
  type: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ example: 183202 })
  sizeBytes: number;
  @ApiProperty({ example: 'image/jpeg' })
  mediaType: string;
  @ApiProperty({ example: '2026-03-01T02:05:00.000Z' })
  uploadedAt: string;
}

/** `POST /v1/merchants/{id}/closures`: a temporary closure the merchant declared. */
export class DeclareClosureDto {
  @ApiProperty({ example: '2027-02-04', description: 'First closed day (merchant-local date)' })
  @IsLocalDate()
  startsOn: string;

  @ApiProperty({
    example: '2027-02-14',
    description: 'Last closed day (inclusive); at most 45 days after startsOn',
  })
  @IsLocalDate()
  endsOn: string;

  @ApiProperty({ enum: CLOSURE_REASONS, example: 'spring_festival' })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiPropertyOptional({ example: 'Back on the 15th', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

/** A declared closure. */
export class ClosureView {
  @ApiProperty({ example: '01964d2e-7a2b-7c3d-8e4f-5a6b7c8d9e0f' }) closureId: string;
  @ApiProperty({ example: 'M000123' }) merchantId: string;
  @ApiProperty({ example: '2027-02-04' }) startsOn: string;
  @ApiProperty({ example: '2027-02-14' }) endsOn: string;
  @ApiProperty({ example: 'spring_festival' }) reason: string;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ example: '2027-01-20T02:00:00.000Z' }) declaredAt: string;
}
