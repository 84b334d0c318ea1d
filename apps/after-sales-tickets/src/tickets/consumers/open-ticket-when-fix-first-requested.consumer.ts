import { Injectable } from '@nestjs/common';
import { AnyEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  claimUnprocessed,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageChunk,
  MessageMeta,
  ParseResult,
  parseEventMessage,
} from '@merchant-pulse/kafka';
import { AcceptFixFirstUseCase } from '../use-cases/accept-fix-first/accept-fix-first.use-case';

/** Inbox name of the campaign.outreach.v1 consumer. */
export const FIX_FIRST_INBOX = 'after-sales-tickets.fix-first';

/**
 * campaign.outreach.v1 → the fix-first hand-over: a campaign held its promotion because the merchant's
 * device, network or card reads are failing, so support takes it (a `campaign` ticket per degraded
 * terminal, or a note on the open ticket that caused it). Other outreach events are not for tickets and
 * are skipped; inbox-deduped, in the chunk's transaction.
 */
@Injectable()
@KafkaBatchConsumer({ groupId: 'after-sales-tickets.fix-first', topics: [Topics.CampaignOutreach] })
export class OpenTicketWhenFixFirstRequestedConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: AcceptFixFirstUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    const requests = chunk.valid.map((v) => v.value).filter((e) => e.type === 'FixFirstRequested');
    const fresh = await claimUnprocessed(
      manager,
      FIX_FIRST_INBOX,
      requests.map((e) => e.id),
    );
    for (const event of requests) {
      if (!fresh.has(event.id) || event.type !== 'FixFirstRequested') continue;
      await this.useCase.execute(manager, event.merchantId, event.payload);
    }
  }
}
