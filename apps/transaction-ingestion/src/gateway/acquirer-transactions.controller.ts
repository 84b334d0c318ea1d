import { Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ACQUIRER_SIGNATURE_SECURITY_SCHEME,
  ApiConflict,
  ApiTooManyRequests,
  ApiUnprocessable,
  ApiValidationError,
  Public,
} from '@merchant-pulse/http';
import type { Request, Response } from 'express';
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
  @ApiSecurity(ACQUIRER_SIGNATURE_SECURITY_SCHEME)
  @ApiValidationError()
  @ApiTooManyRequests()
  @Post(':acquirerId/transactions\\:batch')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit up to 1,000 signed raw transactions',
    description:
      'Signature: `X-Pulse-Signature: v1=<hex HMAC-SHA256(secret, X-Pulse-Timestamp + "." + raw body)>`, timestamp within 5 minutes; each signature is usable once. Valid items are on Kafka (acks=all) when 202 is returned.',
  })
  @ApiHeader({ name: 'X-Pulse-Timestamp', required: true, description: 'Unix seconds of signing' })
  @ApiHeader({ name: 'X-Pulse-Signature', required: true, description: 'v1=<hex>' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Bound to the SHA-256 of the body for IDEMPOTENCY_TTL_SECONDS: a repeat with the same body gets the first answer (header `Idempotent-Replayed: true`; details of rejected items may be left out of a replay when they were long), another body gets 422',
  })
  @ApiBody({ type: TransactionBatchRequestDto })
  @ApiAcceptedResponse({ type: TransactionBatchResultDto })
  @ApiUnauthorizedResponse({
    description: 'Missing, wrong, stale or replayed signature; nothing was produced',
  })
  @ApiUnprocessable('The Idempotency-Key was already used with a different body; nothing was produced')
  @ApiConflict('A request with the same Idempotency-Key is still in progress')
  @ApiServiceUnavailableResponse({
    description:
      'Kafka did not take the batch: the signature and Idempotency-Key are released, retry the same request',
  })
  async submitBatch(
    @Param('acquirerId') acquirerId: string,
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Headers(SignatureHeaders.Timestamp) timestamp?: string,
    @Headers(SignatureHeaders.Signature) signature?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<TransactionBatchResultDto> {
    const { answer, replayed } = await this.submit.execute(
      new SubmitTransactionBatchCommand(acquirerId, request.rawBody, timestamp, signature, idempotencyKey),
    );
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return answer;
  }
}
