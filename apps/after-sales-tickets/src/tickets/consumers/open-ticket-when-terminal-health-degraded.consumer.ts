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
import { HandleTerminalHealthUseCase } from '../use-cases/handle-terminal-health/handle-terminal-health.use-case';

/** terminal.health.v1 → proactive tickets (Degraded) and verified resolutions (Recovered), inbox-deduped. */
@Injectable()
@KafkaBatchConsumer({ groupId: 'after-sales-tickets.terminal-health', topics: [Topics.TerminalHealth] })
export class OpenTicketWhenTerminalHealthDegradedConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: HandleTerminalHealthUseCase) {}

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
