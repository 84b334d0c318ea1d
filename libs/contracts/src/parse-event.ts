import type { DeadLetterReason } from './dead-letter';
import { EventEnvelope } from './envelope';
import { EventRegistry, isEventType } from './event-registry';
import type { AnyEvent, EventDefinition } from './event-registry';
import { MAX_EVENT_BYTES, exceedsJsonDepth, MAX_JSON_DEPTH } from './validation/json-limits';
import { ContractIssue, formatIssues, toDetail, validateContract } from './validation/validate-contract';

/** The reasons {@link parseEvent} rejects a message with (a subset of DeadLetterReason). */
export type EventRejectionReason = Extract<
  DeadLetterReason,
  | 'empty_message'
  | 'malformed_json'
  | 'too_large'
  | 'too_deep'
  | 'schema_violation'
  | 'unknown_type'
  | 'unsupported_version'
  | 'wrong_topic'
>;

/** A message that is not a valid event: dead-letter it with `reason` and `detail`. */
export interface EventRejection {
  ok: false;
  /** Dead-letter reason code. */
  reason: EventRejectionReason;
  /** Human-readable detail (field paths and messages for schema violations), ≤1000 characters. */
  detail: string;
  /** Field-level issues, for `schema_violation`. */
  issues?: ContractIssue[];
}

/** Result of {@link parseEvent}. */
export type ParseEventResult = { ok: true; event: AnyEvent } | EventRejection;

/** Options of {@link parseEvent}. */
export interface ParseEventOptions {
  /**
   * Topic the message was consumed from; when given, an event type that belongs to another topic is
   * rejected as `wrong_topic`. A test prefix is allowed (`t1.merchant.lifecycle.v1`).
   */
  topic?: string;
}

function reject(reason: EventRejectionReason, detail: string, issues?: ContractIssue[]): EventRejection {
  return issues ? { ok: false, reason, detail, issues } : { ok: false, reason, detail };
}

function decode(raw: Buffer | string | null): { ok: true; value: unknown } | EventRejection {
  if (raw === null || raw === undefined) return reject('empty_message', 'message value is null (tombstone)');
  if (raw.length > MAX_EVENT_BYTES) {
    return reject('too_large', `message of ${raw.length} bytes is over the ${MAX_EVENT_BYTES}-byte limit`);
  }
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (text.trim() === '') return reject('empty_message', 'message value is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject('malformed_json', toDetail(`not valid JSON: ${(error as Error).message}`));
  }
  if (exceedsJsonDepth(value)) {
    return reject('too_deep', `message nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return { ok: true, value };
}

/**
 * Decodes and validates a Kafka message value as an event, at the consumer boundary, so no handler
 * sees an unvalidated object. Checks, in order: empty value, size, JSON, depth, envelope schema,
 * known type, supported version, topic, payload schema. Consumers are tolerant readers: unknown
 * fields are dropped, not rejected. The returned payload is an instance of the registered class.
 * Total: never throws — a validator that fails anyway is a `schema_violation`, so one hostile
 * message can never stop a consumer.
 */
export function parseEvent(raw: Buffer | string | null, opts: ParseEventOptions = {}): ParseEventResult {
  try {
    const decoded = decode(raw);
    return decoded.ok ? checkEvent(decoded.value, opts) : decoded;
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return reject('schema_violation', toDetail(`the message could not be validated (${name})`));
  }
}

function checkEvent(value: unknown, opts: ParseEventOptions): ParseEventResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('schema_violation', 'the message must be a JSON object', [
      { path: '', message: 'the message must be a JSON object' },
    ]);
  }
  const envelope = validateContract(EventEnvelope, value, 'tolerant');
  if (envelope.issues.length > 0)
    return reject('schema_violation', formatIssues(envelope.issues), envelope.issues);

  const { type, version } = envelope.instance;
  if (!isEventType(type)) return reject('unknown_type', `unknown event type "${type}"`);
  const definition: EventDefinition = EventRegistry[type];
  if (version !== definition.version) {
    return reject(
      'unsupported_version',
      `${type} version ${version} is not supported (expected ${definition.version})`,
    );
  }
  if (opts.topic !== undefined && !opts.topic.endsWith(definition.topic)) {
    return reject('wrong_topic', `${type} belongs to ${definition.topic}, not ${opts.topic}`);
  }

  const payload = validateContract(definition.payload, envelope.instance.payload, 'tolerant', 'payload');
  if (payload.issues.length > 0)
    return reject('schema_violation', formatIssues(payload.issues), payload.issues);
  const event = { ...envelope.instance, payload: payload.instance } as AnyEvent;
  return { ok: true, event };
}
