import { EntityManager } from 'typeorm';

/** The part of an event envelope the outbox needs (the full envelope is serialised as the value). */
export interface OutboxEvent {
  id: string;
  type: string;
  version: number;
  merchantId: string;
  correlationId?: string;
  causationId?: string;
}

/** Resolves the logical topic of an event type (the contracts' registry). */
export type TopicResolver = (eventType: string) => string;

/**
 * Appends events to the outbox inside the caller's transaction — the state change and its events
 * commit or roll back together; the relay publishes them afterwards.
 */
export async function enqueueOutboxEvents(
  manager: EntityManager,
  events: readonly OutboxEvent[],
  topicOf: TopicResolver,
): Promise<void> {
  if (events.length === 0) return;
  const ids: string[] = [];
  const topics: string[] = [];
  const keys: string[] = [];
  const types: string[] = [];
  const values: string[] = [];
  const headers: string[] = [];
  for (const event of events) {
    ids.push(event.id);
    topics.push(topicOf(event.type));
    keys.push(event.merchantId);
    types.push(event.type);
    values.push(JSON.stringify(event));
    headers.push(JSON.stringify(eventHeaders(event)));
  }
  await manager.query(
    `INSERT INTO outbox (event_id, topic, message_key, event_type, value, headers)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [ids, topics, keys, types, values, headers],
  );
}

/** Headers on every published event, so consumers and tools can route without parsing the body. */
export function eventHeaders(event: OutboxEvent): Record<string, string> {
  const headers: Record<string, string> = {
    'event-id': event.id,
    'event-type': event.type,
    'event-version': String(event.version),
    'content-type': 'application/json',
  };
  if (event.correlationId) headers['correlation-id'] = event.correlationId;
  if (event.causationId) headers['causation-id'] = event.causationId;
  return headers;
}
