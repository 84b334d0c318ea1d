import { Injectable } from '@nestjs/common';
import { parseEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  ValidItem,
} from '@merchant-pulse/kafka';
import {
  RecordReferralCommand,
  RecordReferralUseCase,
} from '../use-cases/record-referral/record-referral.use-case';

/** merchant.lifecycle.v1 MerchantRegistered with a referral → referral record (other lifecycle events: skipped). */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.loyalty-referrals',
  topics: [Topics.MerchantLifecycle],
  chunkSize: 500,
})
export class RecordReferralWhenMerchantRegisteredConsumer implements KafkaBatchHandler<RecordReferralCommand | null> {
  constructor(private readonly useCase: RecordReferralUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<RecordReferralCommand | null> {
    const parsed = parseEvent(raw, { topic: meta.topic });
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    const event = parsed.event;
    if (event.type !== 'MerchantRegistered' || !event.payload.referredBy) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        referredMerchantId: event.merchantId,
        referrerMerchantId: event.payload.referredBy,
        // Unknown (absent) counts as a match: no reward without the registry's check.
        samePartyAsReferrer: event.payload.referralSamePartyAsReferrer !== false,
        registeredAt: event.payload.registeredAt,
      },
    };
  }

  async handle(
    chunk: { valid: ValidItem<RecordReferralCommand | null>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    const commands = chunk.valid.map((v) => v.value).filter((c): c is RecordReferralCommand => c !== null);
    if (commands.length > 0) await this.useCase.execute(manager, commands);
  }
}
