/** A mainland China mobile number: 11 digits, `1` then 3–9. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Separators people type inside phone numbers. */
const SEPARATORS = /[\s\-()]/g;
/** Country-code prefixes accepted in front of the 11 digits. */
const COUNTRY_PREFIX = /^(?:\+86|0086|86)(?=\d{11}$)/;

/**
 * The 11-digit form of a mainland China mobile number, or null when `input` is not one.
 * Accepts spaces, hyphens and parentheses, and an optional `+86`, `0086` or `86` country prefix:
 * `+86 138 1234 5678` → `13812345678`. This is the canonical form stored, indexed and compared.
 */
export function normalizeCnMobile(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(SEPARATORS, '').replace(COUNTRY_PREFIX, '');
  return CN_MOBILE.test(compact) ? compact : null;
}

/** True when `input` normalises to a mainland China mobile number (see {@link normalizeCnMobile}). */
export function isCnMobile(input: unknown): boolean {
  return normalizeCnMobile(input) !== null;
}

/** Field-level message for a value that is not a mainland China mobile number. */
export const CN_MOBILE_MESSAGE =
  'must be a mainland China mobile number: 11 digits starting 13–19, optionally prefixed +86';
