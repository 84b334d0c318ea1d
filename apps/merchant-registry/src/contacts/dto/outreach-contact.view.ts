import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CONTACT_CHANNELS } from '../../merchants/merchant.vocabulary';
import type { ContactChannel } from '../../merchants/merchant.vocabulary';

/** `GET /v1/merchants/{id}/outreach-contact?channel=`. */
export class OutreachContactQuery {
  @ApiProperty({ enum: CONTACT_CHANNELS, example: 'sms' })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;
}

/** One channel's address and consent, for a sender at send time (scope `outreach:contact`). */
export class OutreachContactView {
  @ApiProperty({ example: 'M-000123' })
  merchantId: string;
  @ApiProperty({ example: 'active' })
  status: string;
  @ApiProperty({ example: '老王面馆' })
  displayName: string;
  @ApiProperty({ example: '王建国' })
  contactName: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone: string;
  @ApiProperty({ enum: CONTACT_CHANNELS, example: 'sms' })
  channel: ContactChannel;
  @ApiPropertyOptional({
    example: '13800138000',
    nullable: true,
    description: 'Phone (sms, phone) or email address; null when none is on file',
  })
  address: string | null;
  @ApiPropertyOptional({ example: '138****8000', nullable: true })
  addressMasked: string | null;
  @ApiProperty({ example: { service: true, marketing: false } })
  consent: { service: boolean; marketing: boolean };
  @ApiProperty({ example: { start: '21:00', end: '08:00' } })
  quietHours: { start: string; end: string };
}
