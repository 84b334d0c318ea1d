import { IsDateOrInstant } from '@merchant-pulse/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CompensationOfferV1, FeePlanTermsV1 } from '@merchant-pulse/contracts';
import { IsOptional } from 'class-validator';

const TERMS_EXAMPLE = {
  rates: { credit: 60, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
  debitCapMinor: 2500,
};

/** `GET /v1/merchants/{id}/fee-plans/current?at=`. */
export class FeePlanInForceQuery {
  @ApiPropertyOptional({
    example: '2026-04-01T02:00:00.000Z',
    description: 'Instant to evaluate; default now',
  })
  @IsOptional()
  @IsDateOrInstant()
  at?: string;
}

/** A promotion overlay. */
export class FeePromotionView {
  @ApiProperty() promotionId: string;
  @ApiProperty({ example: 20 }) bpsOff: number;
  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' }) startsAt: string;
  @ApiProperty({ example: '2026-03-31T02:00:00.000Z', description: 'Exclusive; ends by itself' })
  endsAt: string;
  @ApiPropertyOptional() grantedBy?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason?: string | null;
}

/** The plan in force at one instant (the shared rule: effective dates, promotion overlay, waiver). */
export class FeePlanInForceView {
  @ApiProperty({ example: '2026-04-01T02:00:00.000Z' }) at: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null before the first version (standard plan)' })
  planVersion: number | null;
  @ApiProperty({ example: 'standard' }) feePlanId: string;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom: string | null;
  @ApiProperty({ example: TERMS_EXAMPLE, description: "The base version's terms" }) baseTerms: FeePlanTermsV1;
  @ApiProperty({ nullable: true, type: FeePromotionView }) promotion: FeePromotionView | null;
  @ApiProperty({ example: TERMS_EXAMPLE, description: 'Base terms less the promotion' })
  terms: FeePlanTermsV1;
  @ApiProperty({ nullable: true, example: { kind: 'month_waived', months: 1 } })
  compensation: CompensationOfferV1 | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Fees are waived until this instant (exclusive)',
  })
  feesWaivedUntil: string | null;
  @ApiProperty({
    example: TERMS_EXAMPLE,
    description: 'What transactions are charged: terms, or 0 while waived',
  })
  chargedTerms: FeePlanTermsV1;
}

/** One base version with the period it is in force. */
export class FeePlanVersionView {
  @ApiProperty() planVersion: number;
  @ApiProperty() feePlanId: string;
  @ApiProperty({ example: TERMS_EXAMPLE }) terms: FeePlanTermsV1;
  @ApiProperty({ nullable: true, example: TERMS_EXAMPLE }) previousTerms: FeePlanTermsV1 | null;
  @ApiProperty({ enum: ['scheduled', 'effective'] }) state: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String, description: 'Exclusive; null while open-ended' })
  effectiveUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) announcedAt: string | null;
  @ApiProperty({ nullable: true, example: { kind: 'month_waived', months: 1 } })
  compensation: CompensationOfferV1 | null;
  @ApiProperty({ nullable: true, type: String, description: 'End of the fee waiver (exclusive)' })
  feesWaivedUntil: string | null;
}

/** The merchant's plan history: base versions (newest effective date first), promotions, audit trail. */
export class FeePlanHistoryView {
  @ApiProperty({ type: [FeePlanVersionView] }) versions: FeePlanVersionView[];
  @ApiProperty({ type: [FeePromotionView] }) promotions: FeePromotionView[];
  @ApiProperty({
    example: [{ action: 'promotion_granted', actor: 'campaigns', at: '2026-03-02T00:00:00.000Z' }],
  })
  audit: object[];
}
