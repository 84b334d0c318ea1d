import { IdentityCheck, identityFailure } from './identity-check';

/** Why a bank card number was rejected. */
export type BankCardFailure = 'format' | 'check_digit';

/** Removes spaces (as printed on cards and typed by people); does not validate. */
export function normalizeBankCard(input: string): string {
  return input.replace(/\s/g, '');
}

/**
 * True when the digit string passes the Luhn (mod 10) check, counting its last digit as the check digit.
 * @throws RangeError when `digits` is not all digits.
 */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) throw new RangeError('Luhn takes a string of digits');
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Checks a settlement bank card number: 12–19 digits once spaces are removed, passing the Luhn check.
 * The value on success is the digits only.
 */
export function checkBankCard(input: unknown): IdentityCheck<string, BankCardFailure> {
  if (typeof input !== 'string') return identityFailure('format', 'must be a string');
  const digits = normalizeBankCard(input);
  if (!/^\d{12,19}$/.test(digits)) return identityFailure('format', 'must be 12 to 19 digits');
  if (!passesLuhn(digits)) return identityFailure('check_digit', 'has a wrong check digit (Luhn)');
  return { valid: true, value: digits };
}

/** True when {@link checkBankCard} accepts `input`. */
export function isBankCard(input: unknown): boolean {
  return checkBankCard(input).valid;
}
