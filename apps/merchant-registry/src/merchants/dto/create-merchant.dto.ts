import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MERCHANT_KINDS } from '@merchant-pulse/contracts';
import type { MerchantKind } from '@merchant-pulse/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  ValidateIf,
  ValidateBy,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import {
  IsBankCard,
  IsCnCreditCode,
  IsCnMobile,
  IsCnResidentId,
  NormalizeBankCard,
  NormalizeCnCreditCode,
  NormalizeCnMobile,
  NormalizeCnResidentId,
} from '../../identity';
import {
  BUSINESS_TYPES,
  CONSENT_PURPOSES,
  CONTACT_CHANNELS,
  MERCHANT_CATEGORIES,
} from '../merchant.vocabulary';
import type { BusinessType, ConsentPurpose, ContactChannel, MerchantCategory } from '../merchant.vocabulary';

/** The field may be present only on business applications. */
function BusinessOnly(): PropertyDecorator {
  return ValidateBy({
    name: 'businessOnly',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as { kind?: string } | undefined)?.kind === 'business',
      defaultMessage: () => '$property is only for business merchants (kind "business")',
    },
  });
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Local-time window in which the merchant must not be contacted. */
export class QuietHoursDto {
  @ApiProperty({ example: '21:00', description: 'Start, HH:MM merchant local time' })
  @Matches(HH_MM, { message: '$property must be HH:MM (24h)' })
  start: string;

  @ApiProperty({ example: '09:00', description: 'End, HH:MM merchant local time' })
  @Matches(HH_MM, { message: '$property must be HH:MM (24h)' })
  end: string;
}

/** The merchant's contact person. */
export class ContactDto {
  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '13812345678', description: 'Mainland China mobile number' })
  @NormalizeCnMobile()
  @IsCnMobile()
  phone: string;

  @ApiPropertyOptional({ example: 'owner@example.com' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  email?: string;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, example: 'sms' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  preferredChannel?: ContactChannel;

  @ApiPropertyOptional({ type: QuietHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;
}

/** Bank card the merchant is settled to. */
export class SettlementCardDto {
  @ApiProperty({ example: '6222021001123456788', description: '12–19 digits passing the Luhn check' })
  @NormalizeBankCard()
  @IsBankCard()
  number: string;

  @ApiPropertyOptional({ example: 'ICBC' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  bankName?: string;
}

/** One consent captured on the application form. */
export class ConsentInputDto {
  @ApiProperty({ enum: CONTACT_CHANNELS, example: 'sms' })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ enum: CONSENT_PURPOSES, example: 'marketing' })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty({ example: true })
  @IsBoolean()
  granted: boolean;
}

/** `POST /v1/merchants`: a merchant application. Unknown fields are rejected. */
export class CreateMerchantDto {
  @ApiPropertyOptional({ example: 'M310115000000001', description: 'Acquirer MID; generated `M…` if absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: '$property must be 1–32 letters, digits or "-"' })
  merchantId?: string;

  @ApiProperty({ enum: MERCHANT_KINDS, example: 'business' })
  @IsIn(MERCHANT_KINDS)
  kind: MerchantKind;

  @ApiPropertyOptional({
    enum: BUSINESS_TYPES,
    example: 'company',
    description: 'Business only; default company',
  })
  @ValidateIf((o: CreateMerchantDto) => o.businessType !== undefined)
  @BusinessOnly()
  @IsIn(BUSINESS_TYPES)
  businessType?: BusinessType;

  @ApiProperty({ example: '上海老街小笼包餐饮有限公司' })
  @IsString()
  @Length(1, 200)
  legalName: string;

  @ApiPropertyOptional({ example: 'Old Street Dumplings' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiProperty({ enum: MERCHANT_CATEGORIES, example: 'restaurant' })
  @IsIn(MERCHANT_CATEGORIES)
  category: MerchantCategory;

  @ApiProperty({ example: 'Shanghai' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiProperty({ example: 'East China' })
  @IsString()
  @Length(1, 100)
  region: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiProperty({
    example: '110105199003071234',
    description: '18-digit resident ID (individual or legal representative)',
  })
  @NormalizeCnResidentId()
  @IsCnResidentId()
  idNumber: string;

  @ApiPropertyOptional({
    example: '91310115MA1H8XXX0X',
    description: 'Unified social credit code (business only)',
  })
  @ValidateIf((o: CreateMerchantDto) => o.creditCode !== undefined)
  @BusinessOnly()
  @NormalizeCnCreditCode()
  @IsCnCreditCode()
  creditCode?: string;

  @ApiProperty({ type: SettlementCardDto })
  @ValidateNested()
  @Type(() => SettlementCardDto)
  settlementCard: SettlementCardDto;

  @ApiPropertyOptional({
    example: '上海市浦东新区世纪大道100号1层',
    description: 'Business only: where the terminal goes',
  })
  @ValidateIf((o: CreateMerchantDto) => o.terminalAddress !== undefined)
  @BusinessOnly()
  @IsString()
  @Length(1, 300)
  terminalAddress?: string;

  @ApiPropertyOptional({ type: [ConsentInputDto], description: 'Consents captured on the form' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => ConsentInputDto)
  consents?: ConsentInputDto[];

  @ApiPropertyOptional({
    example: 'M000000000000077',
    description: "Referral code given by an existing merchant: the referrer's merchant id",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'referralCode must be a merchant id' })
  referralCode?: string;
}
