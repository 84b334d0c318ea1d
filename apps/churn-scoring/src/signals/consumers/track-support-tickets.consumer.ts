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
import { RecordMerchantSignalsCommand } from '../use-cases/record-merchant-signals/record-merchant-signals.command';
import { RecordMerchantSignalsUseCase } from '../use-cases/record-merchant-signals/record-merchant-signals.use-case';

/** support.tickets.v1 → open tickets and SLA breaches (inbox-deduped) → rescoring. */
@Injectable()
@KafkaBatchConsumer({ groupId: 'churn-scoring.support-tickets', topics: [Topics.SupportTickets] })
export class TrackSupportTicketsConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: RecordMerchantSignalsUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    await this.useCase.execute(
      manager,
      new RecordMerchantSignalsCommand(
        'churn-scoring.support-tickets',
        chunk.valid.map((v) => v.value),
      ),
    );
  }
}
