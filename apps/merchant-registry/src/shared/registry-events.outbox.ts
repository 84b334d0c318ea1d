import { Injectable } from '@nestjs/common';
import { AnyEvent, topicOf } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { TimelineRepository } from '../timeline/timeline.repository';

/** The producer name on every event the registry emits. */
export const REGISTRY_PRODUCER = 'merchant-registry';

/**
 * Emits registry events in the caller's transaction: into the outbox (the relay publishes them to
 * merchant.lifecycle.v1) and onto the merchant's timeline — the state change, its event and its
 * timeline entry commit or roll back together.
 */
@Injectable()
export class RegistryEventsOutbox {
  constructor(private readonly timeline: TimelineRepository) {}

  async emit(manager: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    if (events.length === 0) return;
    await enqueueOutboxEvents(manager, events, (type) => topicOf(type as AnyEvent['type']));
    await this.timeline.append(
      manager,
      events.map((event) => ({
        eventId: event.id,
        merchantId: event.merchantId,
        occurredAt: event.occurredAt,
        source: REGISTRY_PRODUCER,
        type: event.type,
        payload: event.payload as unknown as Record<string, unknown>,
      })),
    );
  }
}
