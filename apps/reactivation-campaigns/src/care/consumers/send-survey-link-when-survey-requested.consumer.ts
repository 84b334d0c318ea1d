import { Injectable } from '@nestjs/common';
import { EventOf, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  parseEventMessage,
  ValidItem,
} from '@merchant-pulse/kafka';
import {
  ForwardTicketSurveyUseCase,
  TicketSurveyRequest,
} from '../use-cases/forward-ticket-survey/forward-ticket-survey.use-case';

/**
 * support.tickets.v1 → SurveyRequested: the resolved ticket's CSAT link goes to the merchant through
 * outreach (service message). Other ticket events are not for this consumer and are skipped; the
 * hand-over is idempotent per survey, so a redelivered event sends nothing twice.
 */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.care-ticket-surveys',
  topics: [Topics.SupportTickets],
  chunkSize: 200,
})
export class SendSurveyLinkWhenSurveyRequestedConsumer implements KafkaBatchHandler<TicketSurveyRequest | null> {
  constructor(private readonly forward: ForwardTicketSurveyUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<TicketSurveyRequest | null> {
    const parsed = parseEventMessage(raw, meta);
    if (!parsed.ok) return parsed;
    if (parsed.value.type !== 'SurveyRequested') return { ok: true, value: null };
    const event = parsed.value as EventOf<'SurveyRequested'>;
    return { ok: true, value: { merchantId: event.merchantId, ...event.payload } };
  }

  async handle(
    chunk: { valid: ValidItem<TicketSurveyRequest | null>[]; invalid: InvalidItem[] },
    _context: ChunkContext,
  ): Promise<void> {
    for (const { value } of chunk.valid) {
      if (value) await this.forward.execute(value);
    }
  }
}
