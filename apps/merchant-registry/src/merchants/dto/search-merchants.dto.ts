import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MerchantView } from './merchant.view';

/**
 * `POST /v1/merchants/search`: exactly one of phone or idNumber. The value travels in the body, never
 * in a URL (URLs end up in access logs, proxies and browser history).
 */
export class SearchMerchantsDto {
  @ApiPropertyOptional({ example: '13812345678', description: 'Exact mainland mobile number' })
  @IsOptional()
  @IsString()
  @Length(5, 30)
  phone?: string;

  @ApiPropertyOptional({ example: '110105199003071234', description: 'Exact 18-digit resident ID' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  idNumber?: string;
}

/** The merchants matching a search (PII masked unless the key also holds `pii:read`). */
export class MerchantSearchView {
  @ApiProperty({ type: [MerchantView] })
  items: MerchantView[];
}
