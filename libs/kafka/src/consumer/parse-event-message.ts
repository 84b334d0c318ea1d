import { AnyEvent, parseEvent } from '@merchant-pulse/contracts';
import { InvalidItem, MessageMeta, ParseResult, ValidItem } from './consumer.types';

/** The chunk a `KafkaBatchHandler` receives. */
export interface MessageChunk<T> {
  valid: ValidItem<T>[];
  invalid: InvalidItem[];
}

/**
 * The `parse` of every consumer of contract events: the envelope and payload validated by
 * `parseEvent` against the consumed topic, optionally narrowed to the event types the consumer
 * handles (anything else is an `unknown_type` dead letter). Never throws.
 */
export function parseEventMessage<T extends AnyEvent = AnyEvent>(
  raw: Buffer | null,
  meta: MessageMeta,
  types?: ReadonlyArray<T['type']>,
): ParseResult<T> {
  const parsed = parseEvent(raw, { topic: meta.topic });
  if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
  if (types && !types.includes(parsed.event.type)) {
    return { ok: false, reason: 'unknown_type', detail: `unexpected event type ${parsed.event.type}` };
  }
  return { ok: true, value: parsed.event as T };
}
