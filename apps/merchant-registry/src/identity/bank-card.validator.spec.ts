import { checkBankCard, isBankCard, passesLuhn } from './bank-card.validator';
import { bankCardFixture, withWrongCheck } from './identity.fixtures';

describe(checkBankCard.name, () => {
  it.each(['4111111111111111', '5555555555554444', '6011111111111117', '378282246310005'])(
    'should accept the published test card %s',
    (card) => {
      expect(checkBankCard(card)).toEqual({ valid: true, value: card });
    },
  );

  it.each([12, 13, 16, 17, 18, 19])('should accept a generated %i-digit card', (length) => {
    const card = bankCardFixture('6222021234567890123'.slice(0, length - 1));
    expect(card).toHaveLength(length);
    expect(isBankCard(card)).toBe(true);
  });

  it('should normalise to digits only when the input has spaces', () => {
    expect(checkBankCard(' 6222 0212 3456 7890 128 ')).toMatchObject({ valid: true });
    const card = bankCardFixture('622202123456789012');
    const spaced = card.replace(/(\d{4})/g, '$1 ');
    expect(checkBankCard(spaced)).toEqual({ valid: true, value: card });
  });

  it('should reject with check_digit when any check digit is wrong', () => {
    const card = bankCardFixture('622202123456789012');
    for (const wrong of '0123456789'.replace(card[card.length - 1], '')) {
      expect(checkBankCard(card.slice(0, -1) + wrong)).toMatchObject({ valid: false, reason: 'check_digit' });
    }
    expect(isBankCard(withWrongCheck(card))).toBe(false);
  });

  it('should reject with check_digit when two adjacent digits are swapped', () => {
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(checkBankCard('1411111111111111')).toMatchObject({ valid: false, reason: 'check_digit' });
  });

  it.each([
    ['11 digits', bankCardFixture('7992739871')],
    ['20 digits', bankCardFixture('6222021234567890123')],
    ['hyphens', '4111-1111-1111-1111'],
    ['letters', '411111111111111A'],
    ['an empty string', ''],
    ['a number', 4111111111111111],
  ])('should reject with format when given %s', (_label, input) => {
    expect(checkBankCard(input)).toMatchObject({ valid: false, reason: 'format' });
  });
});

describe(passesLuhn.name, () => {
  it('should agree with the independently computed fixture when given many bodies', () => {
    for (let n = 0; n < 3000; n++) {
      const card = bankCardFixture(`62${String(n * 7919).padStart(14, '0')}`);
      expect(passesLuhn(card)).toBe(true);
      expect(passesLuhn(withWrongCheck(card))).toBe(false);
    }
  });

  it('should throw RangeError when given non-digits', () => {
    expect(() => passesLuhn('12a4')).toThrow(RangeError);
    expect(() => passesLuhn('')).toThrow(RangeError);
  });
});
