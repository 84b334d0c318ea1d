import { Injectable } from '@nestjs/common';
import { AnyEvent, createEvent, EventPayloads, EventType, topicOf } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';

/** The producer name on every event this service emits. */
export const TICKETS_PRODUCER = 'after-sales-tickets';

/** One support.tickets.v1 event, validated at construction (a bad payload throws here, not in Kafka). */
export function supportEvent<T extends EventType>(
  type: T,
  merchantId: string,
  payload: EventPayloads[T],
  at: Date,
): AnyEvent {
  return createEvent(type, { merchantId, producer: TICKETS_PRODUCER, occurredAt: at, payload }) as AnyEvent;
}

/** Emits support.tickets.v1 events in the caller's transaction (outbox; the relay publishes them). */
@Injectable()
export class SupportEventsOutbox {
  async emit(manager: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    await enqueueOutboxEvents(manager, events, (type) => topicOf(type as EventType));
  }
}
