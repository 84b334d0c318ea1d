import {
  IS_TIMEZONE,
  IsISO8601,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidationOptions,
  buildMessage,
  isTimeZone,
} from 'class-validator';
import {
  MAX_CONTRACT_YEAR,
  MAX_INT32,
  MIN_CONTRACT_YEAR,
  hasContractYear,
  isContractYear,
  isStorableText,
} from './storable-values';

/**
 * Reusable field rules of the contracts, composed from class-validator decorators so that the
 * AsyncAPI generator still sees plain class-validator metadata (type, pattern, minimum, …).
 * The regular expressions are exported so the hand-written hot-path validators (raw transactions,
 * compiled-event-validators) apply exactly the same rules as the decorated classes.
 */

/** Identifiers (merchant, terminal, acquirer, transaction, …): 1–64 printable ASCII characters, no spaces. */
export const IDENTIFIER_PATTERN = /^[\x21-\x7E]{1,64}$/;

/** An event type: PascalCase, e.g. `MerchantRegistered` (the envelope's `type`). */
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Za-z0-9]{0,63}$/;

/** A machine code of a risk reason: snake_case, e.g. `volume_drop`. */
export const RISK_REASON_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** An ISO-8601 instant in UTC with a `Z` suffix, as every envelope timestamp is. */
export const UTC_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** An ISO-8601 instant with a `Z` or `±hh:mm` offset (acquirers send local offsets). */
export const INSTANT_WITH_OFFSET_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** A calendar date `YYYY-MM-DD` (a merchant-local date). */
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Constraint name of {@link IsPrimitiveRecord}, for schema generators. */
export const IS_PRIMITIVE_RECORD = 'isPrimitiveRecord';
/** Constraint name of the storable-text rule of {@link IsText}, for schema generators. */
export const IS_STORABLE_TEXT = 'isStorableText';
/** Constraint name of the year-range rule of instants and dates, for schema generators. */
export const IS_CONTRACT_YEAR = 'isContractYear';
/** Constraint name of {@link IsDateOrInstant}, for schema generators. */
export const IS_DATE_OR_INSTANT = 'isDateOrInstant';

type Decorator = (target: object, propertyKey: string) => void;

/** Applies decorators as if stacked above a property in the given order (the last one runs first). */
function compose(...decorators: PropertyDecorator[]): Decorator {
  return (target, propertyKey) =>
    [...decorators].reverse().forEach((decorate) => decorate(target, propertyKey));
}

/** A non-empty identifier of at most 64 printable ASCII characters. */
export function IsIdentifier(options?: ValidationOptions): Decorator {
  return compose(IsString(options), Matches(IDENTIFIER_PATTERN, options));
}

/**
 * Free text of 1..max characters that Postgres stores exactly: no NUL, no lone surrogate (names,
 * reasons, comments, details). Every free-text contract field uses it.
 */
export function IsText(min: number, max: number, options?: ValidationOptions): Decorator {
  return compose(IsString(options), Length(min, max, options), IsStorableText(options));
}

/** The storable-text rule alone (see {@link IsText}). */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_STORABLE_TEXT,
      validator: {
        validate: (value) => typeof value === 'string' && isStorableText(value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must not contain NUL characters or unpaired UTF-16 surrogates`,
          options,
        ),
      },
    },
    options,
  );
}

/** The year of an instant or date (as written) within the contract range (see `MIN_CONTRACT_YEAR`). */
export function IsContractYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CONTRACT_YEAR,
      validator: {
        validate: (value) => hasContractYear(value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be in the years ${MIN_CONTRACT_YEAR}-${MAX_CONTRACT_YEAR}`,
          options,
        ),
      },
    },
    options,
  );
}

/** An ISO-8601 UTC instant ending in `Z`, e.g. `2026-03-01T08:15:00.000Z`, in the contract years. */
export function IsUtcInstant(options?: ValidationOptions): Decorator {
  return compose(
    IsISO8601({ strict: true, strictSeparator: true }, options),
    Matches(UTC_INSTANT_PATTERN, options),
    IsContractYear(options),
  );
}

/** A merchant-local calendar date `YYYY-MM-DD` that exists (no 2026-02-30), in the contract years. */
export function IsLocalDate(options?: ValidationOptions): Decorator {
  return compose(
    IsISO8601({ strict: true }, options),
    Matches(LOCAL_DATE_PATTERN, options),
    IsContractYear(options),
  );
}

/**
 * A non-negative integer that JSON and JavaScript represent exactly (≤ 2^53 − 1): counts and
 * amounts in minor units (fen). Never a float.
 */
export function IsNonNegativeInteger(options?: ValidationOptions): Decorator {
  return compose(IsInt(options), Min(0, options), Max(Number.MAX_SAFE_INTEGER, options));
}

/** A count stored in a Postgres `integer`: 0 to 2^31 − 1. */
export function IsCount(options?: ValidationOptions): Decorator {
  return compose(IsInt(options), Min(0, options), Max(MAX_INT32, options));
}

/** A version, attempt or duration from 1, stored in a Postgres `integer`: 1 to 2^31 − 1. */
export function IsPositiveInt32(options?: ValidationOptions): Decorator {
  return compose(IsInt(options), Min(1, options), Max(MAX_INT32, options));
}

/** A safe integer of either sign, e.g. a net amount in fen that refunds may push below zero. */
export function IsSafeInteger(options?: ValidationOptions): Decorator {
  return compose(
    IsInt(options),
    Min(-Number.MAX_SAFE_INTEGER, options),
    Max(Number.MAX_SAFE_INTEGER, options),
  );
}

/** Bounds of an {@link IsPrimitiveRecord} object: entries, key length, string value length. */
export const PRIMITIVE_RECORD_LIMITS = { maxEntries: 32, maxKeyLength: 64, maxStringLength: 500 } as const;

const isRecordKey = (key: string) =>
  key.length > 0 && key.length <= PRIMITIVE_RECORD_LIMITS.maxKeyLength && isStorableText(key);

const isRecordValue = (entry: unknown) =>
  entry === null ||
  typeof entry === 'boolean' ||
  (typeof entry === 'number' && Math.abs(entry) <= Number.MAX_SAFE_INTEGER) ||
  (typeof entry === 'string' &&
    entry.length <= PRIMITIVE_RECORD_LIMITS.maxStringLength &&
    isStorableText(entry));

/**
 * True when `value` is a plain object of at most 32 entries whose keys (1–64 characters) and values
 * are storable: strings of at most 500 characters, numbers within ±(2^53 − 1) (so integers are
 * exact), booleans or null.
 */
export function isPrimitiveRecord(value: unknown): value is Record<string, string | number | boolean | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length > PRIMITIVE_RECORD_LIMITS.maxEntries) return false;
  return entries.every(([key, entry]) => isRecordKey(key) && isRecordValue(entry));
}

/** An object of primitive values only (evidence of a risk reason): flat, so any dashboard can show it. */
export function IsPrimitiveRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_PRIMITIVE_RECORD,
      validator: {
        validate: (value) => isPrimitiveRecord(value),
        defaultMessage: buildMessage(
          (prefix) =>
            `${prefix}$property must be an object of at most 32 strings (≤500 characters), numbers, booleans or nulls`,
          options,
        ),
      },
    },
    options,
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the year/month/day triple names a real calendar day (leap years included). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= max;
}

/**
 * Fast check of an instant with offset: {@link INSTANT_WITH_OFFSET_PATTERN} plus a real calendar day
 * in the contract years. Equivalent to the `IsISO8601({ strict: true })` + `Matches` +
 * `IsContractYear` rules of the documented class.
 */
export function isInstantWithOffset(value: string): boolean {
  const match = INSTANT_WITH_OFFSET_PATTERN.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  return isContractYear(year) && isCalendarDay(year, Number(match[2]), Number(match[3]));
}

/** True when `value` is a real `YYYY-MM-DD` day or an instant with `Z`/offset, in the contract years. */
export function isDateOrInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (!LOCAL_DATE_PATTERN.test(value)) return isInstantWithOffset(value);
  const year = Number(value.slice(0, 4));
  return isContractYear(year) && isCalendarDay(year, Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

/**
 * A date filter or effective date of a REST request: `2026-03-01` or `2026-03-01T08:00:00+08:00`, a
 * real day in the contract years. Unlike `IsISO8601()`, refuses what Postgres cannot parse (year
 * 0000, `2026-02-30`, week dates `2026-W10`, a bare year) so a request never becomes a 500.
 */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_DATE_OR_INSTANT,
      validator: {
        validate: (value) => isDateOrInstant(value),
        defaultMessage: buildMessage(
          (prefix) =>
            `${prefix}$property must be a date YYYY-MM-DD or an ISO-8601 instant with Z or an offset, in the years ${MIN_CONTRACT_YEAR}-${MAX_CONTRACT_YEAR}`,
          options,
        ),
      },
    },
    options,
  );
}

/** Verdicts of {@link isKnownTimeZone}, bounded so hostile input cannot grow it. */
const timeZoneVerdicts = new Map<string, boolean>();

/**
 * True when `value` is an IANA timezone this runtime knows. class-validator's check builds an
 * `Intl.DateTimeFormat` per call (~100 µs, most of the cost of parsing a MerchantDailyActivity);
 * the few zones in use are remembered.
 */
export function isKnownTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  let known = timeZoneVerdicts.get(value);
  if (known === undefined) {
    known = isTimeZone(value);
    if (timeZoneVerdicts.size < 1_000) timeZoneVerdicts.set(value, known);
  }
  return known;
}

/** An IANA timezone, e.g. `Asia/Shanghai` (same constraint name as class-validator's `IsTimeZone`). */
export function IsKnownTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_TIMEZONE,
      validator: {
        validate: (value) => isKnownTimeZone(value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be a valid IANA time-zone`,
          options,
        ),
      },
    },
    options,
  );
}
