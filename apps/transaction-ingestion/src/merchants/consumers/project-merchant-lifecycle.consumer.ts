import { Injectable } from '@nestjs/common';
import { AnyEvent, parseEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  ValidItem,
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
    const result = parseEvent(raw, { topic: meta.topic });
    return result.ok
      ? { ok: true, value: result.event }
      : { ok: false, reason: result.reason, detail: result.detail };
  }

  async handle(
    chunk: { valid: ValidItem<AnyEvent>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.apply.execute(
      chunk.valid.map((v) => v.value),
      manager,
    );
  }
}
