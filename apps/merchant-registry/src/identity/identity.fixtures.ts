/*
 * Test fixtures: valid identifiers built with check characters computed independently of the
 * validators (weights derived as powers, not copied tables), so a wrong table in a validator fails
 * its tests instead of agreeing with itself. For specs only; no production code imports it.
 */

/** A valid 18-digit resident ID from a region, a `YYYYMMDD` birth date and a 3-digit sequence. */
export function residentIdFixture(region = '110105', birth = '19900307', sequence = '123'): string {
  const body = `${region}${birth}${sequence}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`fixture body must be 17 digits, got ${body}`);
  // ISO 7064 MOD 11-2: weight of position i (from the left, 18 positions) is 2^(17 - i) mod 11.
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  const check = (12 - (sum % 11)) % 11;
  return body + (check === 10 ? 'X' : String(check));
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code from its first 17 characters. */
export function creditCodeFixture(body17 = '91310115MA1H8XXX0'): string {
  if (body17.length !== 17) throw new Error('fixture body must be 17 characters');
  // GB 32100: weight of position i is 3^i mod 31.
  let sum = 0;
  let weight = 1;
  for (const char of body17) {
    const value = CREDIT_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`"${char}" is not in the credit code alphabet`);
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return body17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid card number: `body` plus the Luhn check digit, found by trying each digit. */
export function bankCardFixture(body = '622202100112345678'): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${body}${check}`;
    const sum = [...candidate]
      .reverse()
      .map((digit, i) => (i % 2 === 1 ? String(Number(digit) * 2) : digit))
      .join('')
      .split('')
      .reduce((acc, digit) => acc + Number(digit), 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always satisfies Luhn');
}

/** The same identifier with its last character replaced by a different one from `alphabet`. */
export function withWrongCheck(value: string, alphabet = '0123456789'): string {
  const last = value[value.length - 1];
  const other = [...alphabet].find((char) => char !== last)!;
  return value.slice(0, -1) + other;
}
