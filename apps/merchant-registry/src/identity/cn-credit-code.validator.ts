import { IdentityCheck, identityFailure } from './identity-check';

/** What an 18-character unified social credit code (GB 32100-2015) says about its holder. */
export interface CnCreditCode {
  /** The code upper-cased. */
  readonly normalized: string;
  /** Character 1: the registration authority code (e.g. `9` market regulation, `5` civil affairs). */
  readonly registrationAuthority: string;
  /** Character 2: the institution type within that authority (e.g. `91…` enterprise, `92…` individual business). */
  readonly institutionType: string;
  /** Characters 3–8: the registering authority's administrative division (GB/T 2260). */
  readonly regionCode: string;
  /** Characters 9–17: the organisation identifier (GB 11714). */
  readonly organizationCode: string;
}

/** Why a credit code was rejected. */
export type CnCreditCodeFailure = 'format' | 'registration_authority' | 'institution_type' | 'check_char';

/** The 31 characters of the code, in value order: digits and capitals without I, O, Z, S, V. */
export const CN_CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Registration authority → its institution type codes (GB 32100-2015 table): 1 organisation staffing,
 * 2 foreign affairs, 3 justice, 4 culture, 5 civil affairs, 6 tourism, 7 religion, 8 trade unions,
 * 9 market regulation (1 enterprise, 2 individual business, 3 farmers' cooperative), A military,
 * N agriculture, Y other.
 */
export const CN_CREDIT_CODE_INSTITUTION_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
});

/**
 * The check character for the first 17 characters: 31 − (Σ value × weight mod 31), where 31 maps to 0.
 * @throws RangeError when `body17` is not 17 characters of {@link CN_CREDIT_CODE_ALPHABET}.
 */
export function cnCreditCodeCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('A credit code body is exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CN_CREDIT_CODE_ALPHABET.indexOf(body17[i]);
    if (value < 0) throw new RangeError(`"${body17[i]}" is not a credit code character`);
    sum += value * WEIGHTS[i];
  }
  return CN_CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Trims and upper-cases; does not validate. */
export function normalizeCnCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * Checks a unified social credit code: 18 characters of the code alphabet (lowercase accepted),
 * characters 3–8 digits, a known registration authority and institution type, and the MOD 31 check.
 * The embedded GB 11714 organisation-code check is not verified (individual businesses' identifiers
 * are not always GB 11714 codes).
 */
export function checkCnCreditCode(input: unknown): IdentityCheck<CnCreditCode, CnCreditCodeFailure> {
  if (typeof input !== 'string') return identityFailure('format', 'must be a string');
  const code = normalizeCnCreditCode(input);
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) {
    return identityFailure(
      'format',
      'must be 18 characters of digits and capital letters except I, O, Z, S and V, with characters 3–8 digits',
    );
  }
  const types = CN_CREDIT_CODE_INSTITUTION_TYPES[code[0]];
  if (types === undefined) {
    return identityFailure('registration_authority', `has an unknown registration authority code ${code[0]}`);
  }
  if (!types.includes(code[1])) {
    return identityFailure(
      'institution_type',
      `has an unknown institution type ${code[1]} for authority ${code[0]}`,
    );
  }
  if (cnCreditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return identityFailure('check_char', 'has a wrong check character (GB 32100 MOD 31)');
  }
  return {
    valid: true,
    value: {
      normalized: code,
      registrationAuthority: code[0],
      institutionType: code[1],
      regionCode: code.slice(2, 8),
      organizationCode: code.slice(8, 17),
    },
  };
}

/** True when {@link checkCnCreditCode} accepts `input`. */
export function isCnCreditCode(input: unknown): boolean {
  return checkCnCreditCode(input).valid;
}
