import { IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { newEventId } from './event-id';
import { EventRegistry } from './event-registry';
import type { EventOf, EventPayloads, EventType } from './event-registry';
import { eventConformsCompiled } from './validation/compiled-event-validators';
import { EVENT_TYPE_PATTERN, IsIdentifier, IsText, IsUtcInstant } from './validation/contract-validators';
import { ContractIssue, formatIssues, validateContract } from './validation/validate-contract';

/**
 * The envelope around every event on every topic except the raw acquirer stream (DESIGN.md).
 * The Kafka message key is always `merchantId`, so each merchant's events stay in order.
 */
export class EventEnvelope<TType extends string = string, TPayload extends object = object> {
  /** Unique event id, a UUIDv7 (time-ordered); consumers' inboxes dedupe on it. */
  @IsUUID('7')
  id: string;

  /** Event type, PascalCase, e.g. `MerchantRegistered`; selects the payload schema. */
  @IsString()
  @Matches(EVENT_TYPE_PATTERN)
  type: TType;

  /** Schema version of the payload for this type (1 for every event today). */
  @IsInt()
  @Min(1)
  version: number;

  /** When the fact happened, ISO-8601 UTC with `Z` (from the producer's clock). */
  @IsUtcInstant()
  occurredAt: string;

  /** Service that produced the event, e.g. `merchant-registry`. */
  @IsIdentifier()
  producer: string;

  /** Merchant the event is about; also the Kafka message key. */
  @IsIdentifier()
  merchantId: string;

  /** Id shared by every event of one business flow (an HTTP request id or the root event's id). */
  @IsOptional()
  @IsText(1, 128)
  correlationId?: string;

  /** Id of the event (or command/request) that directly caused this one. */
  @IsOptional()
  @IsText(1, 128)
  causationId?: string;

  /** The type-specific payload (see the event registry for its class). */
  @IsObject()
  payload: TPayload;
}

/** The metadata a child event inherits from the event that caused it. */
export interface CausationMetadata {
  /** The parent's correlation id (or the parent's id when it started the flow). */
  correlationId: string;
  /** The parent's id. */
  causationId: string;
}

/**
 * Metadata for an event caused by `parent` (domain-driven-hexagon's domain-event metadata):
 * keeps the flow's correlation id and records the parent as the cause.
 * `createEvent('TicketOpened', { ...causedBy(healthEvent), merchantId, producer, payload })`.
 */
export function causedBy(parent: Pick<EventEnvelope, 'id' | 'correlationId'>): CausationMetadata {
  return { correlationId: parent.correlationId ?? parent.id, causationId: parent.id };
}

/** Options of {@link createEvent}. */
export interface CreateEventOptions<T extends EventType> {
  /** Merchant the event is about (the message key). */
  merchantId: string;
  /** The payload; validated strictly (unknown fields rejected) against the registered class. */
  payload: EventPayloads[T];
  /** Producing service, e.g. `merchant-registry`. */
  producer: string;
  /**
   * When the fact happened. Defaults to the system time: services driven by the Clock pass
   * `clock.now()` so simulated time reaches the events.
   */
  occurredAt?: Date | string;
  /** Correlation id of the flow; defaults to the parent's (see `causedBy`) or this event's own id. */
  correlationId?: string;
  /** Id of the direct cause. */
  causationId?: string;
  /** Shortcut for `...causedBy(parent)`; explicit correlationId/causationId win. */
  causedBy?: Pick<EventEnvelope, 'id' | 'correlationId'>;
}

/** Thrown by {@link createEvent} when a producer builds an event that breaks its contract. */
export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly issues: ContractIssue[],
  ) {
    super(`Invalid ${type} event: ${formatIssues(issues)}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Builds a typed envelope with a fresh UUIDv7 and the registered version, validated strictly
 * (producers are strict, consumers tolerant), so nothing invalid reaches the outbox.
 * @throws InvalidEventError when the envelope or the payload breaks the contract.
 */
export function createEvent<T extends EventType>(type: T, options: CreateEventOptions<T>): EventOf<T> {
  const id = newEventId();
  const parent = options.causedBy ? causedBy(options.causedBy) : undefined;
  const event: EventOf<T> = {
    id,
    type,
    version: EventRegistry[type].version,
    occurredAt: new Date(options.occurredAt ?? Date.now()).toISOString(),
    producer: options.producer,
    merchantId: options.merchantId,
    correlationId: options.correlationId ?? parent?.correlationId ?? id,
    payload: options.payload,
  };
  const causationId = options.causationId ?? parent?.causationId;
  if (causationId !== undefined) event.causationId = causationId;
  const issues = validateEvent(event);
  if (issues.length > 0) throw new InvalidEventError(type, issues);
  return event;
}

/**
 * Strictly validates an event built in process (envelope, then payload); returns every issue.
 * Hot event types (MerchantRiskChanged) first go through a compiled check that accepts only what
 * class-validator accepts (compiled-event-validators.ts); whatever it does not accept is decided, and
 * its issues named, by the decorated classes.
 */
export function validateEvent<T extends EventType>(event: EventOf<T>): ContractIssue[] {
  if (eventConformsCompiled(event)) return [];
  const envelope = validateContract(EventEnvelope, event, 'strict').issues;
  const payloadClass = EventRegistry[event.type]?.payload;
  if (!payloadClass || typeof event.payload !== 'object' || event.payload === null) return envelope;
  return [...envelope, ...validateContract(payloadClass, event.payload, 'strict', 'payload').issues];
}
