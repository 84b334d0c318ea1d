import { Injectable } from '@nestjs/common';
import { AnyEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  parseEventMessage,
  Rejection,
  ValidItem,
} from '@merchant-pulse/kafka';
import { RecordMerchantEventsUseCase } from '../use-cases/record-merchant-events/record-merchant-events.use-case';

const TIMELINE_TYPES: ReadonlyArray<AnyEvent['type']> = [
  'TicketOpened',
  'TicketStatusChanged',
  'TicketSlaBreached',
  'SurveyAnswered',
  'OutreachSent',
  'OutreachFailed',
  'MerchantReactivated',
  'TerminalHealthDegraded',
  'TerminalHealthRecovered',
  'MembershipChanged',
  'LoyaltyRewardRedeemed',
];

/** Tickets, outreach, terminal health and loyalty (membership, rewards) events → the merchant's timeline. */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'merchant-registry.timeline',
  topics: [Topics.SupportTickets, Topics.CampaignOutreach, Topics.TerminalHealth, Topics.MerchantLoyalty],
  chunkSize: 500,
})
export class RecordTimelineWhenMerchantEventConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly recordEvents: RecordMerchantEventsUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage<AnyEvent>(raw, meta, TIMELINE_TYPES);
  }

  async handle(
    chunk: { valid: ValidItem<AnyEvent>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<Rejection[]> {
    const unknown = new Set(
      await this.recordEvents.execute(
        manager,
        chunk.valid.map((item) => item.value),
      ),
    );
    return chunk.valid
      .filter((item) => unknown.has(item.value))
      .map((item) => ({
        meta: item.meta,
        reason: 'unknown_merchant',
        detail: `merchant ${item.value.merchantId}`,
      }));
  }
}
