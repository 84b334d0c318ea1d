import { Injectable } from '@nestjs/common';
import type { EventOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { RecordMerchantEventsUseCase } from '../record-merchant-events/record-merchant-events.use-case';

/**
 * Applies MerchantRiskChanged to the merchant's current behaviour/value tier and score — only when the
 * event's `asOf` is newer than what is stored, so replays and reordering never move a tier backwards —
 * and records the event on the timeline. Returns events for unknown merchants.
 */
@Injectable()
export class ApplyRiskChangeUseCase {
  constructor(private readonly record: RecordMerchantEventsUseCase) {}

  async execute(
    manager: EntityManager,
    events: ReadonlyArray<EventOf<'MerchantRiskChanged'>>,
  ): Promise<Array<EventOf<'MerchantRiskChanged'>>> {
    const unknown = new Set(await this.record.execute(manager, events));
    for (const event of events) {
      if (unknown.has(event)) continue;
      const p = event.payload;
      await manager.query(
        `UPDATE merchants SET behaviour_tier = $2, value_tier = $3, risk_score = $4, risk_as_of = $5
         WHERE id = $1 AND (risk_as_of IS NULL OR risk_as_of < $5::timestamptz)`,
        [event.merchantId, p.behaviourTier, p.valueTier, p.score, p.asOf],
      );
    }
    return events.filter((e) => unknown.has(e));
  }
}
