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
import { ConsumedOffsetRepository } from '../../accounting/consumed-offset.repository';
import { parseRawTransactionMessage, toIngestItem, unparsedItem } from '../raw-transaction.source';
import { IngestTransactionsCommand } from '../use-cases/ingest-transactions/ingest-transactions.command';
import { IngestTransactionsUseCase } from '../use-cases/ingest-transactions/ingest-transactions.use-case';

/**
 * The hot path: `acquirer.transactions.v1` in chunks of up to 10,000, one transaction per chunk, two
 * of the 12 partitions at a time (measured best on 2 cores: enough to overlap one chunk's database
 * work with the next chunk's parsing; more only adds contention). Kafka offsets are committed after
 * the chunk's transaction, so a crash in between re-delivers it: the offset fence
 * ({@link ConsumedOffsetRepository}) recognises what the database already holds and counts it once.
 */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'transaction-ingestion.raw',
  topics: [Topics.AcquirerTransactions],
  chunkSize: 10_000,
  partitionsConsumedConcurrently: 2,
})
export class IngestRawTransactionsConsumer implements KafkaBatchHandler<RawTransaction> {
  constructor(
    private readonly ingest: IngestTransactionsUseCase,
    private readonly offsets: ConsumedOffsetRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  parse(raw: Buffer | null, _meta: MessageMeta): ParseResult<RawTransaction> {
    return parseRawTransactionMessage(raw);
  }

  async handle(
    chunk: { valid: ValidItem<RawTransaction>[]; invalid: InvalidItem[] },
    { manager, isolated }: ChunkContext,
  ): Promise<Rejection[]> {
    const fence = isolated ? undefined : await this.fence(chunk, manager);
    const isNew = (meta: MessageMeta) => fence === undefined || BigInt(meta.offset) >= fence.next;
    const valid = chunk.valid.filter((v) => isNew(v.meta));
    const invalid = chunk.invalid.filter((i) => isNew(i.meta));
    const nowMs = this.clock.nowMs();
    const command = new IngestTransactionsCommand(
      valid.map((v) => toIngestItem(v.value, v.meta)),
      invalid.map((i) => unparsedItem(i.meta, i.reason, nowMs)),
    );
    const result = await this.ingest.execute(command, manager);
    // Already applied before a crash: nothing is written again, but the rule rejections are returned
    // so their dead letters (published after the commit) are not lost — at least once.
    const replayed = chunk.valid.filter((v) => !isNew(v.meta)).map((v) => toIngestItem(v.value, v.meta));
    const again = replayed.length > 0 ? await this.ingest.ruleRejections(replayed, manager) : [];
    if (fence) await this.offsets.advance(manager, fence.topic, fence.partition, fence.last + 1n);
    return [...result.rejections, ...again].map((r) => ({
      meta: r.item.source as MessageMeta,
      reason: r.reason,
      detail: r.detail,
    }));
  }

  /**
   * The partition's fence, locked for the chunk. Only whole chunks use it: they are contiguous offset
   * ranges of one partition, while the runner's bisection halves (isolating a poison message) are not.
   */
  private async fence(
    chunk: { valid: ValidItem<RawTransaction>[]; invalid: InvalidItem[] },
    manager: ChunkContext['manager'],
  ): Promise<{ topic: string; partition: number; next: bigint; last: bigint } | undefined> {
    const metas = [...chunk.valid.map((v) => v.meta), ...chunk.invalid.map((i) => i.meta)];
    if (metas.length === 0) return undefined;
    let last = BigInt(metas[0].offset);
    for (const m of metas) if (BigInt(m.offset) > last) last = BigInt(m.offset);
    const { topic, partition } = metas[0];
    return { topic, partition, last, next: await this.offsets.lockNext(manager, topic, partition) };
  }
}
