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
import { RecordMerchantSignalsCommand } from '../use-cases/record-merchant-signals/record-merchant-signals.command';
import { RecordMerchantSignalsUseCase } from '../use-cases/record-merchant-signals/record-merchant-signals.use-case';

/** merchant.lifecycle.v1 → merchant status and terminals (inbox-deduped) → rescoring. */
@Injectable()
@KafkaBatchConsumer({ groupId: 'churn-scoring.lifecycle', topics: [Topics.MerchantLifecycle] })
export class TrackMerchantLifecycleConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: RecordMerchantSignalsUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    const parsed = parseEvent(raw, { topic: meta.topic });
    return parsed.ok
      ? { ok: true, value: parsed.event }
      : { ok: false, reason: parsed.reason, detail: parsed.detail };
  }

  async handle(
    chunk: { valid: ValidItem<AnyEvent>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.useCase.execute(
      manager,
      new RecordMerchantSignalsCommand(
        'churn-scoring.lifecycle',
        chunk.valid.map((v) => v.value),
      ),
    );
  }
}
