import { Injectable } from '@nestjs/common';
import { AnyEvent, EventOf, Topics } from '@merchant-pulse/contracts';
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
import { RecordMembershipUseCase } from '../use-cases/record-membership/record-membership.use-case';

/** Inbox name of the merchant.loyalty.v1 consumer. */
export const MEMBERSHIP_INBOX = 'after-sales-tickets.membership';

/**
 * merchant.loyalty.v1 → the membership SLA tier the policy rules read (VIP and gold members get faster
 * policies; an upgrade moves open tickets too). Other loyalty events are skipped; inbox-deduped, in the
 * chunk's transaction.
 */
@Injectable()
@KafkaBatchConsumer({ groupId: 'after-sales-tickets.membership', topics: [Topics.MerchantLoyalty] })
export class RecordMerchantMembershipConsumer implements KafkaBatchHandler<AnyEvent> {
  constructor(private readonly useCase: RecordMembershipUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<AnyEvent> {
    return parseEventMessage(raw, meta);
  }

  async handle(chunk: MessageChunk<AnyEvent>, { manager }: ChunkContext): Promise<void> {
    const changes = chunk.valid
      .map((v) => v.value)
      .filter((e): e is EventOf<'MembershipChanged'> => e.type === 'MembershipChanged');
    const fresh = await claimUnprocessed(
      manager,
      MEMBERSHIP_INBOX,
      changes.map((e) => e.id),
    );
    await this.useCase.execute(
      manager,
      changes.filter((e) => fresh.has(e.id)),
    );
  }
}
