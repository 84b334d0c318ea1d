import { Injectable } from '@nestjs/common';
import { AnyEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageChunk,
  MessageMeta,
  ParseResult,
  parseEventMessage,
} from '@merchant-pulse/kafka';
import { ApplyMerchantLifecycleUseCase } from '../use-cases/apply-merchant-lifecycle/apply-merchant-lifecycle.use-case';

/** merchant.lifecycle.v1 → the local merchant projection (and replay of parked transactions). */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'transaction-ingestion.lifecycle',
  topics: [Topics.MerchantLifecycle],
  chunkSize: 2_000,
})
export class ProjectMerchantLifecycleConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly apply: ApplyMerchantLifecycleUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    await this.apply.execute(
      chunk.valid.map((v) => v.value),
      manager,
    );
  }
}
