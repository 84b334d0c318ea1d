import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import {
  checkRawTransactionRules,
  DEFAULT_CURRENCY,
  parseRawTransaction,
  Topics,
} from '@merchant-pulse/contracts';
import { EventProducer, OutgoingRecord } from '@merchant-pulse/kafka';
import { TransactionIngestionConfig } from '../../../config/transaction-ingestion.config';
import { parseAcquirerSecrets, verifySignature } from '../../acquirer-signature';
import { BatchItemResultDto, TransactionBatchResultDto } from '../../dto/transaction-batch.dto';
import { GatewayRedisStore } from '../../gateway-redis.store';
import { SubmitTransactionBatchCommand } from './submit-transaction-batch.command';

/** Largest batch accepted in one request. */
export const MAX_BATCH_ITEMS = 1_000;

/**
 * The signed REST batch gateway: verify (HMAC on the raw bytes, 5-minute tolerance, either active
 * secret) → a repeated Idempotency-Key gets the first answer → a replayed signature is refused →
 * validate items (contract + stateless rules) → produce the valid ones to the raw topic with acks from
 * all replicas → 202 with a result per item. Merchant-dependent rules (unknown merchant, currency) are
 * the pipeline's: those items are accepted here and dead-lettered there.
 */
@Injectable()
export class SubmitTransactionBatchUseCase {
  private readonly secrets: Map<string, string[]>;

  constructor(
    private readonly producer: EventProducer,
    private readonly store: GatewayRedisStore,
    private readonly config: TransactionIngestionConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.secrets = parseAcquirerSecrets(config.ACQUIRER_SECRETS);
  }

  async execute(command: SubmitTransactionBatchCommand): Promise<TransactionBatchResultDto> {
    const check = verifySignature({
      secrets: this.secrets.get(command.acquirerId) ?? [],
      timestamp: command.timestamp,
      signature: command.signature,
      rawBody: command.rawBody,
      nowMs: this.clock.nowMs(),
    });
    if (!check.ok) throw new UnauthorizedException(`Invalid request signature: ${check.problem}`);
    if (command.idempotencyKey) {
      const previous = await this.store.storedAnswer<TransactionBatchResultDto>(
        command.acquirerId,
        command.idempotencyKey,
      );
      if (previous) return previous;
    }
    if (!(await this.store.claimSignature(command.acquirerId, check.signature)))
      throw new UnauthorizedException('Invalid request signature: already used (replay)');
    const items = this.itemsOf(command.rawBody!);
    const records: OutgoingRecord[] = [];
    const results = items.map((item, index) => this.validate(command.acquirerId, item, index, records));
    await this.producer.send(records);
    const answer: TransactionBatchResultDto = {
      accepted: records.length,
      rejected: results.length - records.length,
      results,
    };
    if (command.idempotencyKey)
      await this.store.storeAnswer(command.acquirerId, command.idempotencyKey, answer);
    return answer;
  }

  private itemsOf(rawBody: Buffer): unknown[] {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new BadRequestException('Body must be JSON: { "transactions": [...] }');
    }
    const list = (body as { transactions?: unknown }).transactions;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH_ITEMS)
      throw new BadRequestException(`transactions must be an array of 1 to ${MAX_BATCH_ITEMS} items`);
    return list;
  }

  private validate(
    acquirerId: string,
    item: unknown,
    index: number,
    records: OutgoingRecord[],
  ): BatchItemResultDto {
    const bytes = JSON.stringify(item);
    const parsed = parseRawTransaction(bytes);
    if (!parsed.ok) return { index, status: 'rejected', reason: parsed.reason, detail: parsed.detail };
    const tx = parsed.value;
    if (tx.acquirerId !== acquirerId)
      return {
        index,
        transactionId: tx.transactionId,
        status: 'rejected',
        reason: 'schema_violation',
        detail: 'acquirerId differs from the path',
      };
    const violation = checkRawTransactionRules(tx, {
      now: this.clock.nowMs(),
      futureToleranceMs: this.config.FUTURE_TOLERANCE_MS,
      expectedCurrency: tx.currency ?? DEFAULT_CURRENCY,
    });
    if (violation) return { index, transactionId: tx.transactionId, status: 'rejected', reason: violation };
    records.push({ topic: Topics.AcquirerTransactions, key: tx.merchantId, value: bytes });
    return { index, transactionId: tx.transactionId, status: 'accepted' };
  }
}
