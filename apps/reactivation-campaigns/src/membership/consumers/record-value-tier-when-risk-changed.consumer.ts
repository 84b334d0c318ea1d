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
import { MembershipRepository } from '../membership.repository';

interface ValueTierRow {
  merchantId: string;
  valueTier: string;
  behaviourTier: string;
  asOf: string;
}

/** churn.risk.v1 → the value tier membership uses (latest asOf wins; replays are harmless). */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.membership-risk',
  topics: [Topics.ChurnRisk],
  chunkSize: 500,
})
export class RecordValueTierWhenRiskChangedConsumer implements KafkaBatchHandler<ValueTierRow> {
  constructor(private readonly memberships: MembershipRepository) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<ValueTierRow> {
    const parsed = parseEventMessage<EventOf<'MerchantRiskChanged'>>(raw, meta, ['MerchantRiskChanged']);
    if (!parsed.ok) return parsed;
    const p = parsed.value.payload;
    return {
      ok: true,
      value: {
        merchantId: parsed.value.merchantId,
        valueTier: p.valueTier,
        behaviourTier: p.behaviourTier,
        asOf: p.asOf,
      },
    };
  }

  async handle(
    chunk: { valid: ValidItem<ValueTierRow>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    const latest = new Map<string, ValueTierRow>();
    for (const { value } of chunk.valid) {
      const kept = latest.get(value.merchantId);
      if (!kept || Date.parse(kept.asOf) < Date.parse(value.asOf)) latest.set(value.merchantId, value);
    }
    await this.memberships.upsertValueTiers(manager, [...latest.values()]);
  }
}
