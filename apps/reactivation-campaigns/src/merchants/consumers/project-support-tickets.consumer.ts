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
import { ProjectMerchantEventsCommand } from '../use-cases/project-merchant-events/project-merchant-events.command';
import { ProjectMerchantEventsUseCase } from '../use-cases/project-merchant-events/project-merchant-events.use-case';

const GROUP = 'reactivation-campaigns.support-tickets';

/** support.tickets.v1 → open tickets and their category (inbox-deduped), for audiences and fix-first suppression. */
@Injectable()
@KafkaBatchConsumer({ groupId: 'reactivation-campaigns.support-tickets', topics: [Topics.SupportTickets] })
export class ProjectSupportTicketsConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: ProjectMerchantEventsUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    await this.useCase.execute(
      manager,
      new ProjectMerchantEventsCommand(
        GROUP,
        chunk.valid.map((v) => v.value),
      ),
    );
  }
}
