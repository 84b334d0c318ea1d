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
  Rejection,
  ValidItem,
} from '@merchant-pulse/kafka';
import { ApplyRiskChangeUseCase } from '../use-cases/apply-risk-change/apply-risk-change.use-case';

type RiskChanged = EventOf<'MerchantRiskChanged'>;

/** churn.risk.v1 → the merchant's current tiers (list by tier) and its timeline. */
@Injectable()
@KafkaBatchConsumer({ groupId: 'merchant-registry.tiers', topics: [Topics.ChurnRisk], chunkSize: 500 })
export class UpdateTierWhenRiskChangedConsumer implements KafkaBatchHandler<RiskChanged> {
  constructor(private readonly applyRiskChange: ApplyRiskChangeUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<RiskChanged> {
    return parseEventMessage<RiskChanged>(raw, meta, ['MerchantRiskChanged']);
  }

  async handle(
    chunk: { valid: ValidItem<RiskChanged>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<Rejection[]> {
    const unknown = new Set(
      await this.applyRiskChange.execute(
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
