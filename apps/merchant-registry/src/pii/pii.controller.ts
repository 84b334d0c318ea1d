import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReencryptPiiUseCase } from './use-cases/reencrypt-pii/reencrypt-pii.use-case';

/** `POST /v1/pii/reencryption-runs`. */
export class ReencryptionRunDto {
  @ApiPropertyOptional({ example: 500, description: 'Rows per transaction (1–5,000; default 500)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  batchSize?: number;
}

/** What a re-encryption run did. */
export class ReencryptionRunView {
  @ApiProperty({ example: 'k2026b' })
  primaryKeyId: string;
  @ApiProperty({ example: 1200, description: 'Merchants whose PII was re-encrypted and re-indexed' })
  merchants: number;
  @ApiProperty({ example: 3400, description: 'KYC documents re-encrypted' })
  documents: number;
  @ApiProperty({ example: 0, description: 'Document records whose object is missing from storage' })
  missingDocuments: number;
}

/** PII key rotation: re-encrypt everything under the primary key so an old key can be retired. */
@ApiTags('pii')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/pii')
export class PiiController {
  constructor(private readonly reencrypt: ReencryptPiiUseCase) {}

  @Post('reencryption-runs')
  @HttpCode(200)
  @RequireScopes('pii:admin')
  @ApiOperation({
    summary: 'Re-encrypt PII tokens and KYC documents under the primary key and rebuild blind indexes',
    description:
      'Runs to completion in bounded batches; safe to repeat and to run on several replicas. When it reports ' +
      '0 merchants and 0 documents, no data is left under older keys and they can be removed from PII_ENCRYPTION_KEYS.',
  })
  @ApiOkResponse({ type: ReencryptionRunView })
  run(@Body() body: ReencryptionRunDto): Promise<ReencryptionRunView> {
    return this.reencrypt.execute({ batchSize: body.batchSize ?? 500 });
  }
}
