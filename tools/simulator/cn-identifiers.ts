import { Rng } from './rng';

/*
 * Valid Chinese identifiers for simulated merchants. Check characters are computed here (tools do
 * not import the registry's validators); the unit tests cross-check them against the registry's.
 */

/** ISO 7064 MOD 11-2 weights of a resident ID body (GB 11643-1999). */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
/** Unified social credit code alphabet (GB 32100-2015): no I, O, Z, S, V. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Mobile prefixes of the three operators, all 1[3-9]x. */
const MOBILE_PREFIXES = ['135', '136', '138', '139', '150', '158', '186', '188', '177', '199', '131', '133'];

/** An 18-digit resident ID registered in `regionCode` for someone born 1960–2000. */
export function residentId(rng: Rng, regionCode: string): string {
  const year = rng.int(1960, 2000);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  const body = `${regionCode}${year}${month}${day}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * RESIDENT_WEIGHTS[i];
  return body + RESIDENT_CHECK[sum % 11];
}

/**
 * A unified social credit code issued by market regulation (`9`): institution type `1` for a
 * company, `2` for an individual business (sole proprietor), registered in `regionCode`.
 */
export function creditCode(rng: Rng, regionCode: string, soleProprietor: boolean): string {
  let body = `9${soleProprietor ? '2' : '1'}${regionCode}`;
  for (let i = 0; i < 9; i++) body += CREDIT_ALPHABET[rng.int(0, 30)];
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_ALPHABET.indexOf(body[i]) * weight;
    weight = (weight * 3) % 31;
  }
  return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A 19-digit UnionPay debit card number (BIN 622xxx) with its Luhn check digit. */
export function settlementCardNumber(rng: Rng): string {
  const body = `622${rng.digits(15)}`;
  return body + luhnCheckDigit(body);
}

/** The Luhn check digit that makes `body + digit` valid. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** An 11-digit mainland China mobile number. */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}
