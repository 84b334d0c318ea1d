import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { RawTransaction, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  OffsetFenceStore,
  ParseResult,
  Rejection,
  ValidItem,
} from '@merchant-pulse/kafka';
import { ConsumedOffsetRepository } from '../../accounting/consumed-offset.repository';
import { IngestRejection } from '../ingest.model';
import { parseRawTransactionMessage, toIngestItem, unparsedItem } from '../raw-transaction.source';
import { IngestTransactionsCommand } from '../use-cases/ingest-transactions/ingest-transactions.command';
import { IngestTransactionsUseCase } from '../use-cases/ingest-transactions/ingest-transactions.use-case';

/**
 * The hot path: `acquirer.transactions.v1` in chunks of up to 10,000, one transaction per chunk, two
 * of the 12 partitions at a time (measured best on 2 cores: enough to overlap one chunk's database
 * work with the next chunk's parsing; more only adds contention). Kafka offsets are committed after
 * the chunk's transaction, so a crash in between re-delivers it: the offset fence
 * ({@link ConsumedOffsetRepository}), locked and advanced by the runner in the chunk's transaction,
 * recognises what the database already holds, so it is counted once.
 */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'transaction-ingestion.raw',
  topics: [Topics.AcquirerTransactions],
  chunkSize: 10_000,
  partitionsConsumedConcurrently: 2,
})
export class IngestRawTransactionsConsumer implements KafkaBatchHandler<RawTransaction> {
  readonly fence: OffsetFenceStore;

  constructor(
    private readonly ingest: IngestTransactionsUseCase,
    offsets: ConsumedOffsetRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.fence = offsets;
  }

  parse(raw: Buffer | null, _meta: MessageMeta): ParseResult<RawTransaction> {
    return parseRawTransactionMessage(raw);
  }

  /** Applies the messages the fence says are new (the whole chunk, or a bisection part of it). */
  async handle(
    chunk: { valid: ValidItem<RawTransaction>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<Rejection[]> {
    const nowMs = this.clock.nowMs();
    const command = new IngestTransactionsCommand(
      chunk.valid.map((v) => toIngestItem(v.value, v.meta)),
      chunk.invalid.map((i) => unparsedItem(i.meta, i.reason, nowMs, i.detail)),
    );
    const result = await this.ingest.execute(command, manager);
    return toRejections(result.rejections);
  }

  /**
   * Already applied before a crash: nothing is written again, but the rule rejections are returned so
   * their dead letters (published after the commit) are not lost — at least once.
   */
  async replayed(items: ValidItem<RawTransaction>[], { manager }: ChunkContext): Promise<Rejection[]> {
    const rejections = await this.ingest.ruleRejections(
      items.map((v) => toIngestItem(v.value, v.meta)),
      manager,
    );
    return toRejections(rejections);
  }
}

function toRejections(rejections: readonly IngestRejection[]): Rejection[] {
  return rejections.map((r) => ({ meta: r.item.source as MessageMeta, reason: r.reason, detail: r.detail }));
}
