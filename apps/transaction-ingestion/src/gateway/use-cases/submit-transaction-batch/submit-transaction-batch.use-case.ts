import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '@merchant-pulse/clock';
import { EventProducer } from '@merchant-pulse/kafka';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { TransactionIngestionConfig } from '../../../config/transaction-ingestion.config';
import { AcquirerSecrets } from '../../acquirer-secrets.resolver';
import { verifySignature } from '../../acquirer-signature';
import { compactAnswer, expandAnswer } from '../../batch-answer.codec';
import { TransactionBatchResultDto } from '../../dto/transaction-batch.dto';
import { GatewayRedisStore, IdempotencyRecord } from '../../gateway-redis.store';
import { batchItemsOf, validateBatch } from '../../transaction-batch.validator';
import { SubmitTransactionBatchCommand } from './submit-transaction-batch.command';

/** An Idempotency-Key: 1 to 255 printable ASCII characters (it becomes part of a Redis key). */
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** The answer, and whether it is the stored answer of an earlier request with the same Idempotency-Key. */
export interface SubmittedBatch {
  answer: TransactionBatchResultDto;
  replayed: boolean;
}

/**
 * The signed REST batch gateway: verify (HMAC on the raw bytes, 5-minute tolerance, either active
 * secret) → validate items (contract + stateless rules) → an Idempotency-Key is bound to the body's
 * SHA-256 (same body: the stored answer; another body: 422) → a replayed signature is refused →
 * produce the valid items to the raw topic with acks from all replicas → 202 with a result per item.
 * When the produce fails nothing is remembered (signature and key are released): the client retries
 * the same request, and items that did reach Kafka are deduplicated downstream by transactionId.
 * Merchant-dependent rules (unknown merchant, currency) are the pipeline's.
 */
@Injectable()
export class SubmitTransactionBatchUseCase {
  constructor(
    private readonly producer: EventProducer,
    private readonly store: GatewayRedisStore,
    private readonly secrets: AcquirerSecrets,
    private readonly config: TransactionIngestionConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: SubmitTransactionBatchCommand): Promise<SubmittedBatch> {
    const { acquirerId, idempotencyKey } = command;
    const check = verifySignature({
      secrets: this.secrets.of(acquirerId),
      timestamp: command.timestamp,
      signature: command.signature,
      rawBody: command.rawBody,
      nowMs: this.clock.nowMs(),
    });
    if (!check.ok) throw new UnauthorizedException(`Invalid request signature: ${check.problem}`);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new BadRequestException('Idempotency-Key must be 1 to 255 printable ASCII characters');
    const items = batchItemsOf(command.rawBody!);
    const bodySha256 = createHash('sha256').update(command.rawBody!).digest('hex');
    if (idempotencyKey !== undefined) {
      const held = await this.store.claimIdempotencyKey(acquirerId, idempotencyKey, bodySha256);
      if (held) return { answer: this.replay(held, idempotencyKey, bodySha256, items), replayed: true };
    }
    try {
      const answer = await this.produce(acquirerId, check.signature, items);
      if (idempotencyKey !== undefined)
        await this.store.completeIdempotencyKey(
          acquirerId,
          idempotencyKey,
          bodySha256,
          compactAnswer(answer),
        );
      return { answer, replayed: false };
    } catch (error) {
      if (idempotencyKey !== undefined)
        await this.store
          .releaseIdempotencyKey(acquirerId, idempotencyKey, bodySha256)
          .catch((e: unknown) =>
            this.logger.warn({ err: e, acquirerId }, 'could not release an Idempotency-Key'),
          );
      throw error;
    }
  }

  private replay(
    held: IdempotencyRecord,
    idempotencyKey: string,
    bodySha256: string,
    items: unknown[],
  ): TransactionBatchResultDto {
    if (held.bodySha256 !== bodySha256)
      throw new UnprocessableEntityException(
        `Idempotency-Key "${idempotencyKey}" was already used with a different request body: ` +
          'send a new key for a new batch (a retry must repeat the body byte for byte)',
      );
    if (held.state !== 'done')
      throw new ConflictException(
        `A request with Idempotency-Key "${idempotencyKey}" is still in progress: retry in a few seconds`,
      );
    return expandAnswer(held.answer, items);
  }

  private async produce(
    acquirerId: string,
    signature: string,
    items: unknown[],
  ): Promise<TransactionBatchResultDto> {
    const { records, answer } = validateBatch(acquirerId, items, {
      nowMs: this.clock.nowMs(),
      futureToleranceMs: this.config.FUTURE_TOLERANCE_MS,
    });
    if (!(await this.store.claimSignature(acquirerId, signature)))
      throw new UnauthorizedException('Invalid request signature: already used (replay)');
    try {
      await this.producer.send(records);
    } catch (error) {
      this.logger.error({ err: error, acquirerId, items: records.length }, 'batch produce failed');
      await this.store
        .releaseSignature(acquirerId, signature)
        .catch((e: unknown) => this.logger.warn({ err: e, acquirerId }, 'could not release a signature'));
      throw new ServiceUnavailableException(
        'The batch could not be written to Kafka and nothing is confirmed: retry the same request ' +
          '(items already written are deduplicated by transactionId)',
      );
    }
    return answer;
  }
}
