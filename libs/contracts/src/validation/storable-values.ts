/**
 * What Postgres (and every consumer's `toISOString()`) can store, checked at the contract boundary so
 * that a hostile value ends as a dead letter or a 400 with a reason, never as a failed database
 * write that poisons the good messages of its chunk.
 */

/**
 * A NUL (Postgres `text` cannot hold U+0000: SQLSTATE 22021) or a lone UTF-16 surrogate (has no UTF-8
 * encoding: the driver would silently store U+FFFD instead of what was sent).
 */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_TEXT_ALL = new RegExp(UNSTORABLE_TEXT.source, 'g');

/** True when `value` has no NUL and no lone surrogate, so Postgres stores exactly what was sent. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}

/** `value` with each NUL and lone surrogate replaced by U+FFFD: for details we write ourselves. */
export function toStorableText(value: string): string {
  return value.replace(UNSTORABLE_TEXT_ALL, '\uFFFD');
}

/**
 * Year range of every contract instant and date (as written). No payment fact predates 1900, and
 * stopping at 9998 keeps the UTC instant, any local date (offsets of ±24 h) and a year of date
 * arithmetic within four-digit years, which Postgres parses and `toISOString()` prints without a
 * `+0` prefix (Postgres refuses year 0000 and `+275760-09-13T00:00:00Z`).
 */
export const MIN_CONTRACT_YEAR = 1900;
/** See {@link MIN_CONTRACT_YEAR}. */
export const MAX_CONTRACT_YEAR = 9998;

/** True when `year` is within {@link MIN_CONTRACT_YEAR}–{@link MAX_CONTRACT_YEAR}. */
export function isContractYear(year: number): boolean {
  return year >= MIN_CONTRACT_YEAR && year <= MAX_CONTRACT_YEAR;
}

/** True when an ISO-8601 date or instant string starts with a four-digit year in the contract range. */
export function hasContractYear(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-/.test(value) && isContractYear(Number(value.slice(0, 4)));
}

/** Largest Postgres `integer` (int4): counts, versions and attempts that are stored as one. */
export const MAX_INT32 = 2_147_483_647;
