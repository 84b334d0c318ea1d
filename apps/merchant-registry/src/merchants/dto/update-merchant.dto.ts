import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Allow, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsCnCreditCode, NormalizeCnCreditCode } from '../../identity';
import { BUSINESS_TYPES } from '../merchant.vocabulary';
import type { BusinessType } from '../merchant.vocabulary';
import { CreateMerchantDto } from './create-merchant.dto';

/** Fields fixed at registration: a PATCH naming one is refused with 422 and the field named. */
export const IMMUTABLE_APPLICATION_FIELDS = ['merchantId', 'kind', 'id', 'status'] as const;

/**
 * `PATCH /v1/merchants/{id}`: corrections to an application in draft (including one a reviewer sent
 * back for changes) or rejected. Every field optional, validated exactly as on create; a nested
 * object (contact, settlementCard) replaces the stored one whole. Unknown fields are rejected (400).
 */
export class UpdateMerchantDto extends PartialType(
  OmitType(CreateMerchantDto, [
    'merchantId',
    'kind',
    'consents',
    // Business-only checks on create look at `kind`, which a PATCH body does not carry: the use case
    // checks them against the stored merchant instead.
    'businessType',
    'creditCode',
    'terminalAddress',
  ] as const),
) {
  @ApiPropertyOptional({ description: 'Immutable: refused with 422' })
  @Allow()
  merchantId?: unknown;

  @ApiPropertyOptional({ description: 'Immutable: refused with 422' })
  @Allow()
  kind?: unknown;

  @ApiPropertyOptional({ description: 'Immutable: refused with 422' })
  @Allow()
  id?: unknown;

  @ApiPropertyOptional({ description: 'Immutable here: use the status and review endpoints (422)' })
  @Allow()
  status?: unknown;

  @ApiPropertyOptional({ enum: BUSINESS_TYPES, description: 'Business only' })
  @IsOptional()
  @IsIn(BUSINESS_TYPES)
  businessType?: BusinessType;

  @ApiPropertyOptional({ example: '91310115MA1H8XXX0X', description: 'Business only' })
  @ValidateIf((o: UpdateMerchantDto) => o.creditCode !== undefined)
  @NormalizeCnCreditCode()
  @IsCnCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '上海市浦东新区世纪大道100号1层', description: 'Business only' })
  @ValidateIf((o: UpdateMerchantDto) => o.terminalAddress !== undefined)
  @IsString()
  @Length(1, 300)
  terminalAddress?: string;
}
