import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { RawTransaction, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  Rejection,
  ValidItem,
} from '@merchant-pulse/kafka';
import { parseRawTransactionMessage, toIngestItem, unparsedItem } from '../raw-transaction.source';
import { IngestTransactionsCommand } from '../use-cases/ingest-transactions/ingest-transactions.command';
import { IngestTransactionsUseCase } from '../use-cases/ingest-transactions/ingest-transactions.use-case';

/**
 * The hot path: `acquirer.transactions.v1` in chunks of up to 5,000, one transaction per chunk.
 * Three of the 12 partitions are worked on at once — on 2 cores, enough to overlap one chunk's
 * database round trips with the next chunk's parsing without thrashing.
 */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'transaction-ingestion.raw',
  topics: [Topics.AcquirerTransactions],
  chunkSize: 5_000,
  partitionsConsumedConcurrently: 3,
})
export class IngestRawTransactionsConsumer implements KafkaBatchHandler<RawTransaction> {
  constructor(
    private readonly ingest: IngestTransactionsUseCase,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  parse(raw: Buffer | null, _meta: MessageMeta): ParseResult<RawTransaction> {
    return parseRawTransactionMessage(raw);
  }

  async handle(
    chunk: { valid: ValidItem<RawTransaction>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<Rejection[]> {
    const nowMs = this.clock.nowMs();
    const command = new IngestTransactionsCommand(
      chunk.valid.map((v) => toIngestItem(v.value, v.meta)),
      chunk.invalid.map((i) => unparsedItem(i.meta, i.reason, nowMs)),
    );
    const result = await this.ingest.execute(command, manager);
    return result.rejections.map((r) => ({
      meta: r.item.source as MessageMeta,
      reason: r.reason,
      detail: r.detail,
    }));
  }
}
