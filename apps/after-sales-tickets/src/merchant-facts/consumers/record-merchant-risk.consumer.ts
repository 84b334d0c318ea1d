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
import { RecordMerchantRiskUseCase } from '../use-cases/record-merchant-risk/record-merchant-risk.use-case';

/** churn.risk.v1 → the value tier, behaviour tier and band the SLA rules read (latest asOf wins). */
@Injectable()
@KafkaBatchConsumer({ groupId: 'after-sales-tickets.churn-risk', topics: [Topics.ChurnRisk] })
export class RecordMerchantRiskConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: RecordMerchantRiskUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    await this.useCase.execute(
      manager,
      chunk.valid.map((v) => v.value),
    );
  }
}
