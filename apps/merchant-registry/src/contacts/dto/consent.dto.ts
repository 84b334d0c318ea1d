import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, Matches } from 'class-validator';
import { CONSENT_PURPOSES, CONTACT_CHANNELS } from '../../merchants/merchant.vocabulary';
import type { ConsentPurpose, ContactChannel } from '../../merchants/merchant.vocabulary';

/** `POST /v1/merchants/{id}/consents`: one grant or withdrawal. */
export class RecordConsentDto {
  @ApiProperty({ enum: CONTACT_CHANNELS, example: 'sms' })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ enum: CONSENT_PURPOSES, example: 'marketing' })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty({ example: false })
  @IsBoolean()
  granted: boolean;

  @ApiProperty({ example: 'sms_reply_stop', description: 'Where the decision came from (snake_case)' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: '$property must be snake_case, at most 64 characters' })
  source: string;
}

/** Current consent plus the ledger it derives from. */
export class ConsentView {
  @ApiProperty({
    example: { sms: { service: true, marketing: false }, email: { service: true, marketing: true } },
  })
  current: Record<string, Record<string, boolean>>;

  @ApiProperty({
    example: [
      {
        channel: 'sms',
        purpose: 'marketing',
        granted: false,
        source: 'sms_reply_stop',
        actor: 'ops',
        recordedAt: '2026-03-02T00:00:00.000Z',
      },
    ],
  })
  ledger: object[];
}
