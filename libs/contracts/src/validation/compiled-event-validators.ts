// A specialised validator of the hot producer path: the event envelope and the MerchantRiskChanged
// payload (one per merchant on a full rescore), without class-transformer's copy and class-validator's
// metadata walk. It only ever says "valid" when class-validator would: `validateEvent` runs it first and
// falls back to the decorated classes for anything it does not accept, so issues (and verdicts on odd
// values) always come from class-validator. It calls class-validator's own predicates with the
// decorators' arguments; compiled-event-validators.spec.ts pins the decorators it mirrors and checks
// the verdicts against class-validator's on valid and hostile payloads.
import {
  arrayMaxSize,
  arrayMinSize,
  isIn,
  isInt,
  isISO8601,
  isNumber,
  isString,
  isUUID,
  length,
  matches,
  max,
  min,
} from 'class-validator';
import type { EventType } from '../event-registry';
import { BEHAVIOUR_TIERS, SCORE_BANDS, VALUE_TIERS } from '../vocabulary';
import {
  EVENT_TYPE_PATTERN,
  IDENTIFIER_PATTERN,
  RISK_REASON_CODE_PATTERN,
  UTC_INSTANT_PATTERN,
  isPrimitiveRecord,
} from './contract-validators';
import { hasContractYear, isStorableText } from './storable-values';

/** A check of one field's value (the conjunction of the field's decorators). */
type FieldRule = (value: unknown) => boolean;

/** The fields of a class: required ones must pass; optional ones may be absent, undefined or null (`@IsOptional`). */
interface ClassShape {
  required: Readonly<Record<string, FieldRule>>;
  optional: Readonly<Record<string, FieldRule>>;
}

/**
 * A plain object literal (its prototype is an `Object.prototype`, of this realm or another one, e.g.
 * from `structuredClone` under Jest): what typed producer code builds. Anything else (class instances,
 * Maps, Dates, null-prototype objects) is left to class-validator.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype) return true;
  if (typeof proto !== 'object' || proto === null || Object.getPrototypeOf(proto) !== null) return false;
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.prototype === proto && ctor.name === 'Object';
}

/**
 * Evidence as IsPrimitiveRecord sees it, without keys named like Object.prototype's members
 * (`constructor`, `toString`, `__proto__`, …), which class-transformer copies wrongly or crashes on.
 */
function isPlainPrimitiveRecord(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (key in Object.prototype) return false;
  return isPrimitiveRecord(value);
}

/**
 * True when `value` is a plain object whose own enumerable keys are all fields of `shape` (strict
 * whitelist) and whose fields pass their rules. Reads own properties only, as class-transformer copies them.
 */
function conforms(value: unknown, shape: ClassShape): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!Object.hasOwn(shape.required, key) && !Object.hasOwn(shape.optional, key)) return false;
  }
  for (const key in shape.required) {
    if (!shape.required[key](Object.hasOwn(value, key) ? value[key] : undefined)) return false;
  }
  for (const key in shape.optional) {
    if (!Object.hasOwn(value, key)) continue;
    const field = value[key];
    if (field !== undefined && field !== null && !shape.optional[key](field)) return false;
  }
  return true;
}

/** `@IsIdentifier()`: IsString + Matches(IDENTIFIER_PATTERN). */
const identifier: FieldRule = (v) => isString(v) && matches(v as string, IDENTIFIER_PATTERN);

/** `@IsText(min, max)`: IsString + Length(min, max) + IsStorableText. */
const text =
  (minLength: number, maxLength: number): FieldRule =>
  (v) =>
    typeof v === 'string' && length(v, minLength, maxLength) && isStorableText(v);

/** `@IsUtcInstant()`: IsISO8601(strict, strictSeparator) + Matches(UTC_INSTANT_PATTERN) + IsContractYear. */
const utcInstant: FieldRule = (v) =>
  typeof v === 'string' &&
  isISO8601(v, { strict: true, strictSeparator: true }) &&
  matches(v, UTC_INSTANT_PATTERN) &&
  hasContractYear(v);

/** `@IsInt() @Min(lo) @Max(hi)`. */
const intBetween =
  (lo: number, hi: number): FieldRule =>
  (v) =>
    isInt(v) && min(v, lo) && max(v, hi);

const oneOf =
  (values: readonly unknown[]): FieldRule =>
  (v) =>
    isIn(v, values as unknown[]);

/** The fields of {@link EventEnvelope} (envelope.ts). */
const ENVELOPE: ClassShape = {
  required: {
    id: (v) => isUUID(v, '7'),
    type: (v) => isString(v) && matches(v as string, EVENT_TYPE_PATTERN),
    version: (v) => isInt(v) && min(v, 1),
    occurredAt: utcInstant,
    producer: identifier,
    merchantId: identifier,
    // `@IsObject()`; the payload itself is checked against its own class.
    payload: isPlainObject,
  },
  optional: { correlationId: text(1, 128), causationId: text(1, 128) },
};

/** The fields of RiskReasonV1 (events/churn-risk.events.ts). */
const RISK_REASON: ClassShape = {
  required: {
    code: (v) => matches(v as string, RISK_REASON_CODE_PATTERN),
    message: text(1, 500),
    // `@IsPrimitiveRecord()`, on a plain object only (class-transformer copies other objects differently).
    evidence: isPlainPrimitiveRecord,
  },
  optional: {},
};

/** `@IsArray() [@ArrayMinSize(lo)] @ArrayMaxSize(hi) @ValidateNested({ each: true }) @Type(() => RiskReasonV1)`. */
const riskReasons =
  (lo: number, hi: number): FieldRule =>
  (v) => {
    if (!Array.isArray(v) || !arrayMinSize(v, lo) || !arrayMaxSize(v, hi)) return false;
    // An index loop: a hole reads as undefined and is refused (class-transformer would drop it).
    for (let i = 0; i < v.length; i++) if (!conforms(v[i], RISK_REASON)) return false;
    return true;
  };

/** The fields of MerchantRiskChangedV1 (events/churn-risk.events.ts). */
const MERCHANT_RISK_CHANGED_V1: ClassShape = {
  required: {
    score: intBetween(0, 100),
    scoreBand: oneOf(SCORE_BANDS),
    behaviourTier: oneOf(BEHAVIOUR_TIERS),
    valueTier: oneOf(VALUE_TIERS),
    reasons: riskReasons(1, 20),
    modelVersion: text(1, 64),
    asOf: utcInstant,
  },
  optional: {
    previousScore: intBetween(0, 100),
    previousScoreBand: oneOf(SCORE_BANDS),
    previousBehaviourTier: oneOf(BEHAVIOUR_TIERS),
    previousValueTier: oneOf(VALUE_TIERS),
    pDormant30d: (v) => isNumber(v, { allowNaN: false, allowInfinity: false }) && min(v, 0) && max(v, 1),
    earlyWarningModelVersion: text(1, 64),
    // Without @ArrayMinSize: an empty list is valid.
    earlyWarningReasons: riskReasons(0, 20),
  },
};

/** Event types with a specialised payload check; every other type goes through class-validator. */
const COMPILED_PAYLOADS: Partial<Record<EventType, ClassShape>> = {
  MerchantRiskChanged: MERCHANT_RISK_CHANGED_V1,
};

/** True when the envelope conforms to EventEnvelope strictly (payload: a plain object). */
export function envelopeConforms(event: unknown): boolean {
  return conforms(event, ENVELOPE);
}

/** True when `payload` conforms strictly to the registered class of `type`; false when `type` has no compiled check. */
export function payloadConforms(type: string, payload: unknown): boolean {
  const shape = Object.hasOwn(COMPILED_PAYLOADS, type) ? COMPILED_PAYLOADS[type as EventType] : undefined;
  return shape !== undefined && conforms(payload, shape);
}

/**
 * True only when class-validator would find no issue in `event` (strict mode), for the event types
 * with a compiled payload check. False means "ask class-validator", not "invalid".
 */
export function eventConformsCompiled(event: unknown): boolean {
  return (
    envelopeConforms(event) &&
    payloadConforms((event as { type: string }).type, (event as { payload: unknown }).payload)
  );
}
