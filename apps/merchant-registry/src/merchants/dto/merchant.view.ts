import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Requirements: what onboarding still needs and why the merchant is blocked. */
export class RequirementsView {
  @ApiProperty({ example: ['documents.id_card_back', 'store_photos.cashier'], type: [String] })
  currentlyDue: string[];

  @ApiProperty({ example: 'requirements.currently_due', nullable: true, type: String })
  blockedReason: string | null;
}

/** Contact person; phone and email masked unless the caller's key has `pii:read`. */
export class ContactView {
  @ApiProperty({ example: '张三' })
  name: string;
  @ApiProperty({ example: '138****5678' })
  phone: string;
  @ApiPropertyOptional({ example: 'o***@example.com', nullable: true, type: String })
  email: string | null;
  @ApiProperty({ example: 'sms' })
  preferredChannel: string;
  @ApiProperty({ example: { start: '21:00', end: '09:00' } })
  quietHours: { start: string; end: string };
}

/** Current behaviour/value tier as last reported on churn.risk.v1. */
export class TiersView {
  @ApiProperty({ example: 'at_risk', nullable: true, type: String })
  behaviourTier: string | null;
  @ApiProperty({ example: 'mid', nullable: true, type: String })
  valueTier: string | null;
  @ApiProperty({ example: 62, nullable: true, type: Number })
  riskScore: number | null;
  @ApiProperty({ example: '2026-03-01T00:00:00.000Z', nullable: true, type: String })
  asOf: string | null;
}

/** A merchant as the API shows it. */
export class MerchantView {
  @ApiProperty({ example: 'M310115000000001' })
  id: string;
  @ApiProperty({ example: 'business' })
  kind: string;
  @ApiProperty({ example: 'company', nullable: true, type: String })
  businessType: string | null;
  @ApiProperty({ example: 'draft' })
  status: string;
  @ApiProperty({ example: '上海老街小笼包餐饮有限公司' })
  legalName: string;
  @ApiProperty({ example: 'Old Street Dumplings' })
  displayName: string;
  @ApiProperty({ example: 'restaurant' })
  category: string;
  @ApiProperty({ example: '5812' })
  mcc: string;
  @ApiProperty({ example: 'Shanghai' })
  city: string;
  @ApiProperty({ example: 'East China' })
  region: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone: string;
  @ApiProperty({ type: ContactView })
  contact: ContactView;
  @ApiProperty({ example: '110105********1234', description: 'Masked unless pii:read' })
  idNumber: string;
  @ApiProperty({ example: '91310115MA1H8XXX0X', nullable: true, type: String })
  creditCode: string | null;
  @ApiProperty({ example: { number: '**** **** **** 6788', bankName: 'ICBC' } })
  settlementCard: { number: string; bankName: string | null };
  @ApiProperty({ example: '上海市浦东新区世纪大道100号1层', nullable: true, type: String })
  terminalAddress: string | null;
  @ApiProperty({ type: RequirementsView })
  requirements: RequirementsView;
  @ApiProperty({ example: ['documents_verified'], type: [String] })
  reviewReasonCodes: string[];
  @ApiProperty({ example: { sms: { service: true, marketing: false } } })
  consent: Record<string, Record<string, boolean>>;
  @ApiProperty({ type: TiersView })
  tiers: TiersView;
  @ApiProperty({ example: true, description: 'False when PII is shown in clear (pii:read)' })
  piiMasked: boolean;
  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' })
  createdAt: string;
  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' })
  updatedAt: string;
}

/** A page of merchants. */
export class MerchantPageView {
  @ApiProperty({ type: [MerchantView] })
  items: MerchantView[];
  @ApiProperty({ example: 'WyIyMDI2LTAzLTAxVDAyOjAwOjAwLjAwMFoiLCJNMSJd', nullable: true, type: String })
  nextCursor: string | null;
}
