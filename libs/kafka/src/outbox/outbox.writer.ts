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
 * Values and headers travel as one text each, joined by a line feed: `JSON.stringify` (without its
 * `space` argument) never writes a raw line feed — it escapes every control character inside strings —
 * so `string_to_array(…, E'\n')` gives back exactly the strings sent. As `text[]`/`jsonb[]` parameters
 * the driver escaped every quote of every element and Postgres parsed the array literal back: most
 * of the cost of a chunk's outbox insert.
 */
export const OUTBOX_ROW_SEPARATOR = '\n';

/** The parameters of one outbox insert: ids, topics, keys, types as arrays; values and headers joined. */
export interface OutboxInsertParams {
  ids: string[];
  topics: string[];
  keys: string[];
  types: string[];
  /** `JSON.stringify(event)` of each event, joined by {@link OUTBOX_ROW_SEPARATOR}. */
  values: string;
  /** `JSON.stringify(eventHeaders(event))` of each event, joined by {@link OUTBOX_ROW_SEPARATOR}. */
  headers: string;
}

/** Builds the parameters of {@link enqueueOutboxEvents} (one pass; exported for its spec). */
export function outboxInsertParams(
  events: readonly OutboxEvent[],
  topicOf: TopicResolver,
): OutboxInsertParams {
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
  return {
    ids,
    topics,
    keys,
    types,
    values: values.join(OUTBOX_ROW_SEPARATOR),
    headers: headers.join(OUTBOX_ROW_SEPARATOR),
  };
}

/**
 * Appends events to the outbox inside the caller's transaction — the state change and its events
 * commit or roll back together; the relay publishes them afterwards. One multi-row INSERT, rows in
 * the order given (`seq` follows it).
 */
export async function enqueueOutboxEvents(
  manager: Pick<EntityManager, 'query'>,
  events: readonly OutboxEvent[],
  topicOf: TopicResolver,
): Promise<void> {
  if (events.length === 0) return;
  const p = outboxInsertParams(events, topicOf);
  // A count mismatch cannot happen (see OUTBOX_ROW_SEPARATOR); if it did, unnest would pad with NULLs
  // and the NOT NULL columns would fail the whole insert, never store a shifted row.
  await manager.query(
    `INSERT INTO outbox (event_id, topic, message_key, event_type, value, headers)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[],
       string_to_array($5::text, E'\\n'), string_to_array($6::text, E'\\n')::jsonb[])`,
    [p.ids, p.topics, p.keys, p.types, p.values, p.headers],
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
