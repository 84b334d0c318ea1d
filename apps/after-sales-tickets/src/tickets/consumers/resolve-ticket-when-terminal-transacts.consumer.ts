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
import { VerifyResolutionUseCase } from '../use-cases/verify-resolution/verify-resolution.use-case';

/** merchant.activity.v1 → activity projection and transaction-verified resolutions (snapshots: replays are harmless). */
@Injectable()
@KafkaBatchConsumer({ groupId: 'after-sales-tickets.merchant-activity', topics: [Topics.MerchantActivity] })
export class ResolveTicketWhenTerminalTransactsConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: VerifyResolutionUseCase) {}

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
