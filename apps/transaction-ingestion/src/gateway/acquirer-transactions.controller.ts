import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '@merchant-pulse/http';
import type { Request } from 'express';
import { SignatureHeaders } from './acquirer-signature';
import { TransactionBatchRequestDto, TransactionBatchResultDto } from './dto/transaction-batch.dto';
import { SubmitTransactionBatchCommand } from './use-cases/submit-transaction-batch/submit-transaction-batch.command';
import { SubmitTransactionBatchUseCase } from './use-cases/submit-transaction-batch/submit-transaction-batch.use-case';

/** Acquirer systems push transactions here; authenticated by HMAC signature, not API key. */
@ApiTags('acquirer gateway')
@Controller('v1/acquirers')
export class AcquirerTransactionsController {
  constructor(private readonly submit: SubmitTransactionBatchUseCase) {}

  @Public()
  @Post(':acquirerId/transactions\\:batch')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit up to 1,000 signed raw transactions',
    description:
      'Signature: `X-Pulse-Signature: v1=<hex HMAC-SHA256(secret, X-Pulse-Timestamp + "." + raw body)>`, timestamp within 5 minutes; each signature is usable once. Valid items are on Kafka (acks=all) when 202 is returned.',
  })
  @ApiHeader({ name: 'X-Pulse-Timestamp', required: true, description: 'Unix seconds of signing' })
  @ApiHeader({ name: 'X-Pulse-Signature', required: true, description: 'v1=<hex>' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer' })
  @ApiBody({ type: TransactionBatchRequestDto })
  @ApiAcceptedResponse({ type: TransactionBatchResultDto })
  @ApiUnauthorizedResponse({
    description: 'Missing, wrong, stale or replayed signature; nothing was produced',
  })
  async submitBatch(
    @Param('acquirerId') acquirerId: string,
    @Req() request: RawBodyRequest<Request>,
    @Headers(SignatureHeaders.Timestamp) timestamp?: string,
    @Headers(SignatureHeaders.Signature) signature?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<TransactionBatchResultDto> {
    return this.submit.execute(
      new SubmitTransactionBatchCommand(acquirerId, request.rawBody, timestamp, signature, idempotencyKey),
    );
  }
}
