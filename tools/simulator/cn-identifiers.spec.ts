import { creditCode, luhnCheckDigit, mobileNumber, residentId, settlementCardNumber } from './cn-identifiers';
import { Rng } from './rng';

/*
 * Checks computed independently of the generator: weights derived as powers (2^(17-i) mod 11 for
 * resident IDs, 3^i mod 31 for credit codes) rather than the generator's tables, Luhn by doubling.
 */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = [...id].reduce((acc, c, i) => acc + (c === 'X' ? 10 : Number(c)) * (2 ** (17 - i) % 11), 0);
  return sum % 11 === 1;
}

function creditCodeValid(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce(
    (acc, c, i) => acc + CREDIT_ALPHABET.indexOf(c) * (3 ** i % 31),
    0,
  );
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

function luhnValid(number: string): boolean {
  const sum = [...number]
    .reverse()
    .map((d, i) => (i % 2 === 1 ? Number(d) * 2 : Number(d)))
    .reduce((acc, n) => acc + (n > 9 ? n - 9 : n), 0);
  return sum % 10 === 0;
}

describe('cn-identifiers', () => {
  const rng = new Rng(2026);
  const samples = Array.from({ length: 500 }, () => ({
    id: residentId(rng, '310115'),
    company: creditCode(rng, '440305', false),
    sole: creditCode(rng, '440305', true),
    card: settlementCardNumber(rng),
    phone: mobileNumber(rng),
  }));

  it('should produce resident IDs whose MOD 11-2 check holds when generating', () => {
    expect(samples.filter((s) => !residentIdValid(s.id))).toEqual([]);
    expect(samples.some((s) => s.id.endsWith('X'))).toBe(true);
  });

  it('should produce credit codes whose MOD 31 check holds with 91 for companies and 92 for sole proprietors', () => {
    expect(samples.filter((s) => !creditCodeValid(s.company) || !creditCodeValid(s.sole))).toEqual([]);
    expect(samples.every((s) => s.company.startsWith('91440305') && s.sole.startsWith('92440305'))).toBe(
      true,
    );
  });

  it('should produce Luhn-valid 19-digit cards and 11-digit mobiles when generating', () => {
    expect(samples.filter((s) => !luhnValid(s.card) || !/^622\d{16}$/.test(s.card))).toEqual([]);
    expect(samples.filter((s) => !/^1[3-9]\d{9}$/.test(s.phone))).toEqual([]);
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });
});
