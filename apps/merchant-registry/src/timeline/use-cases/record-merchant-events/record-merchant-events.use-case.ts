import { Injectable } from '@nestjs/common';
import type { AnyEvent } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { TimelineRepository } from '../../timeline.repository';

/**
 * Puts other services' events about merchants on the merchants' timelines, in the consumer's chunk
 * transaction. Idempotent: the timeline is keyed by event id. Returns the events whose merchant the
 * registry does not know (the consumer dead-letters them as `unknown_merchant`).
 */
@Injectable()
export class RecordMerchantEventsUseCase {
  constructor(private readonly timeline: TimelineRepository) {}

  async execute(manager: EntityManager, events: readonly AnyEvent[]): Promise<AnyEvent[]> {
    if (events.length === 0) return [];
    const known = await knownMerchants(
      manager,
      events.map((e) => e.merchantId),
    );
    const accepted = events.filter((e) => known.has(e.merchantId));
    await this.timeline.append(
      manager,
      accepted.map((event) => ({
        eventId: event.id,
        merchantId: event.merchantId,
        occurredAt: event.occurredAt,
        source: event.producer,
        type: event.type,
        payload: event.payload as unknown as Record<string, unknown>,
      })),
    );
    return events.filter((e) => !known.has(e.merchantId));
  }
}

/** The subset of `ids` that are registered merchants. */
export async function knownMerchants(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM merchants WHERE id = ANY($1::text[])`,
    [[...new Set(ids)]],
  );
  return new Set(rows.map((r) => r.id));
}
