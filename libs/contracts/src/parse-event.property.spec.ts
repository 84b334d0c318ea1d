import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import { DEAD_LETTER_REASONS } from './dead-letter';
import { EVENT_EXAMPLES } from './event-examples';
import { EVENT_TYPES, EventRegistry } from './event-registry';
import type { EventType } from './event-registry';
import { parseEvent } from './parse-event';
import type { EventRejectionReason } from './parse-event';
import {
  applyMutations,
  brokenMessage,
  encode,
  hostileValue,
  mutation,
} from './testing/hostile-json.arbitraries';
import { IS_STORABLE_TEXT } from './validation/contract-validators';
import { hasContractYear, isStorableText } from './validation/storable-values';

const REJECTION_REASONS: readonly EventRejectionReason[] = [
  'empty_message',
  'malformed_json',
  'too_large',
  'too_deep',
  'schema_violation',
  'unknown_type',
  'unsupported_version',
  'wrong_topic',
];

function exampleEvent(type: EventType) {
  return {
    id: '0196f2a0-7c00-7000-8000-000000000001',
    type,
    version: 1,
    occurredAt: '2026-04-10T07:00:00.000Z',
    producer: EventRegistry[type].producer,
    merchantId: 'M-000123',
    correlationId: 'req-1',
    payload: EVENT_EXAMPLES[type],
  };
}

/** Every string and number in an accepted event, with its path: what a consumer may write to Postgres. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}.${key}`));
}

/** Instant and date fields of the contracts: `…At`, `date`, `since`, `effectiveFrom`. */
const DATE_FIELD = /(At|^date|^since|From)$/;

/** What may reach Postgres from an accepted event: storable text, safe numbers, dates in the contract years. */
function storable(event: unknown): boolean {
  return leaves(event).every(([path, leaf]) => {
    if (typeof leaf === 'number') return Number.isFinite(leaf) && Math.abs(leaf) <= Number.MAX_SAFE_INTEGER;
    if (typeof leaf !== 'string') return true;
    if (DATE_FIELD.test(path.slice(path.lastIndexOf('.') + 1))) return hasContractYear(leaf);
    return isStorableText(leaf);
  });
}

function checkTotal(raw: Buffer | string, topic?: string): boolean {
  const result = parseEvent(raw, topic === undefined ? {} : { topic });
  if (result.ok) return storable(result.event);
  return REJECTION_REASONS.includes(result.reason) && isStorableText(result.detail);
}

/** Top-level free-text fields of a payload class (those carrying the storable-text rule). */
function freeTextFields(type: EventType): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    EventRegistry[type].payload,
    '',
    true,
    false,
  );
  return [...new Set(metadata.filter((m) => m.name === IS_STORABLE_TEXT).map((m) => m.propertyName))];
}

const eventType = fc.constantFrom(...EVENT_TYPES);

// Hundreds of generated cases per property: seconds on a loaded 2-core machine, not Jest's default 5 s.
jest.setTimeout(30_000);

describe(`${parseEvent.name} (properties)`, () => {
  it('should only reject with reason codes of the dead-letter vocabulary', () => {
    expect(REJECTION_REASONS.every((reason) => DEAD_LETTER_REASONS.includes(reason))).toBe(true);
  });

  it('should never throw and end ok with storable values or with a reason when an example is mutated', () => {
    fc.assert(
      fc.property(
        eventType,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (type, mutations, withTopic) =>
          checkTotal(
            encode(applyMutations(exampleEvent(type), mutations)),
            withTopic ? EventRegistry[type].topic : undefined,
          ),
      ),
      { numRuns: 400 },
    );
  });

  it('should never throw when a payload field is replaced by a hostile value', () => {
    fc.assert(
      fc.property(eventType, fc.nat(), hostileValue, (type, pick, value) => {
        const payload: Record<string, unknown> = { ...EVENT_EXAMPLES[type] };
        const fields = Object.keys(payload);
        payload[fields[pick % fields.length]] = value;
        return checkTotal(encode({ ...exampleEvent(type), payload }));
      }),
      { numRuns: 400 },
    );
  });

  it('should never throw when the whole message is broken', () => {
    fc.assert(
      fc.property(brokenMessage, (raw) => checkTotal(raw)),
      { numRuns: 200 },
    );
  });

  it('should keep a valid example valid whatever unicode its free-text fields carry', () => {
    // At most 64 UTF-16 units, the tightest free-text limit (a grapheme may take several units).
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((t) => t.length <= 64);
    fc.assert(
      fc.property(eventType, text, fc.boolean(), (type, value, asBuffer) => {
        const payload: Record<string, unknown> = { ...EVENT_EXAMPLES[type] };
        for (const field of freeTextFields(type)) payload[field] = value;
        const json = JSON.stringify({ ...exampleEvent(type), payload });
        const result = parseEvent(asBuffer ? Buffer.from(json) : json, { topic: EventRegistry[type].topic });
        return result.ok && JSON.stringify(result.event.payload) === JSON.stringify(payload);
      }),
      { numRuns: 200 },
    );
  });
});
