import { IdentityCheck, identityFailure } from './identity-check';

/** What an 18-digit resident identity card number (GB 11643-1999) says about its holder. */
export interface CnResidentId {
  /** The number with a lowercase check `x` upper-cased. */
  readonly normalized: string;
  /** Digits 1–6: the administrative division of first registration (GB/T 2260). */
  readonly regionCode: string;
  /** Digits 7–14 as an ISO date, `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** Digit 17: odd for male, even for female. */
  readonly sex: 'male' | 'female';
}

/** Why a resident ID number was rejected. */
export type CnResidentIdFailure = 'format' | 'region' | 'birth_date' | 'check_char';

/** ISO 7064 MOD 11-2 weights for the 17 body digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for each `sum mod 11`. */
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '19000101';
/** China Standard Time, UTC+8 all year: birth dates are Chinese calendar dates. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The GB 11643-1999 check character (0–9 or X) for the first 17 digits.
 * @throws RangeError when `body17` is not 17 digits.
 */
export function cnResidentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('A resident ID body is exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trims and upper-cases a lowercase check `x`; does not validate. */
export function normalizeCnResidentId(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * Checks an 18-digit resident identity card number: format (17 digits + 0–9/X, lowercase x accepted),
 * a plausible region (first digit 1–8), a real birth date between 1900-01-01 and `today` (in China
 * time), and the MOD 11-2 check character. 15-digit first-generation numbers are not accepted.
 */
export function checkCnResidentId(
  input: unknown,
  today: Date = new Date(),
): IdentityCheck<CnResidentId, CnResidentIdFailure> {
  if (typeof input !== 'string') return identityFailure('format', 'must be a string');
  const id = normalizeCnResidentId(input);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return identityFailure('format', 'must be 18 characters: 17 digits then a digit or X');
  }
  if (id[0] < '1' || id[0] > '8') {
    return identityFailure('region', `has an implausible region code ${id.slice(0, 6)}`);
  }
  const birth = id.slice(6, 14);
  const birthProblem = birthDateProblem(birth, today);
  if (birthProblem) return identityFailure('birth_date', `has ${birthProblem}`);
  if (cnResidentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return identityFailure('check_char', 'has a wrong check character (GB 11643 MOD 11-2)');
  }
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { valid: true, value: { normalized: id, regionCode: id.slice(0, 6), birthDate, sex } };
}

/** True when {@link checkCnResidentId} accepts `input`. */
export function isCnResidentId(input: unknown, today?: Date): boolean {
  return checkCnResidentId(input, today).valid;
}

/** Why `yyyymmdd` is not an acceptable birth date, or undefined when it is. */
function birthDateProblem(yyyymmdd: string, today: Date): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (yyyymmdd < EARLIEST_BIRTH_DATE) return `a birth date ${yyyymmdd} before 1900`;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    month >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!real) return `a birth date ${yyyymmdd} that is not a real calendar date`;
  if (yyyymmdd > chinaDateOf(today)) return `a birth date ${yyyymmdd} in the future`;
  return undefined;
}

/** `YYYYMMDD` of the calendar date in China at `instant`. */
function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}
