import { Injectable } from '@nestjs/common';
import type { AnyEvent } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { MerchantFactsRepository } from '../../merchant-facts.repository';

/** Keeps each merchant's latest value tier, behaviour tier and score band (fills SlaMerchantFacts). */
@Injectable()
export class RecordMerchantRiskUseCase {
  constructor(private readonly facts: MerchantFactsRepository) {}

  async execute(manager: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type !== 'MerchantRiskChanged') continue;
      await this.facts.upsertRisk(manager, {
        merchantId: e.merchantId,
        valueTier: e.payload.valueTier,
        behaviourTier: e.payload.behaviourTier,
        scoreBand: e.payload.scoreBand,
        score: e.payload.score,
        asOf: new Date(e.payload.asOf),
      });
    }
  }
}
