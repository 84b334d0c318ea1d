import { AnyEvent, parseEvent } from '@merchant-pulse/contracts';
import type { MessageMeta, ParseResult } from '@merchant-pulse/kafka';

/** Parses a consumed message as a contract event of one of `types` (never throws). */
export function parseEventOfTypes<T extends AnyEvent>(
  raw: Buffer | null,
  meta: MessageMeta,
  types: ReadonlyArray<T['type']>,
): ParseResult<T> {
  const parsed = parseEvent(raw, { topic: meta.topic });
  if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
  if (!types.includes(parsed.event.type)) {
    return { ok: false, reason: 'unknown_type', detail: `unexpected event type ${parsed.event.type}` };
  }
  return { ok: true, value: parsed.event as T };
}
