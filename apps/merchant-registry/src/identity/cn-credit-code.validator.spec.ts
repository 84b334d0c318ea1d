import { checkCnCreditCode, cnCreditCodeCheckChar, isCnCreditCode } from './cn-credit-code.validator';
import { creditCodeFixture, withWrongCheck } from './identity.fixtures';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe(checkCnCreditCode.name, () => {
  it.each(['91350100M000100Y43', '91230184MA1BUFLT44', '92371000MA3MXH0E3W'])(
    'should accept the published code %s',
    (code) => {
      expect(isCnCreditCode(code)).toBe(true);
    },
  );

  it('should parse the parts when the code is valid', () => {
    expect(checkCnCreditCode('91350100M000100Y43')).toEqual({
      valid: true,
      value: {
        normalized: '91350100M000100Y43',
        registrationAuthority: '9',
        institutionType: '1',
        regionCode: '350100',
        organizationCode: 'M000100Y4',
      },
    });
  });

  it('should normalise to upper case when given lowercase letters and surrounding spaces', () => {
    const result = checkCnCreditCode(' 92371000ma3mxh0e3w ');
    expect(result.valid && result.value.normalized).toBe('92371000MA3MXH0E3W');
  });

  it.each(['91', '92', '93', '11', '12', '13', '19', '51', '52', '53', '59', 'Y1', 'N2', 'A1', '31', '35'])(
    'should accept a generated code when the authority and type are %s',
    (prefix) => {
      expect(isCnCreditCode(creditCodeFixture(`${prefix}310115MA1H8XXX0`))).toBe(true);
    },
  );

  it('should reject with check_char when any check character is wrong', () => {
    const valid = creditCodeFixture('91310115MA1H8XXX0');
    for (const wrong of ALPHABET.replace(valid[17], '')) {
      expect(checkCnCreditCode(valid.slice(0, 17) + wrong)).toMatchObject({
        valid: false,
        reason: 'check_char',
      });
    }
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])(
    'should reject with format when the code contains the forbidden letter %s',
    (letter) => {
      const code = creditCodeFixture('91310115MA1H8XXX0');
      expect(checkCnCreditCode(`${code.slice(0, 10)}${letter}${code.slice(11)}`)).toMatchObject({
        valid: false,
        reason: 'format',
      });
    },
  );

  it.each([
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['a letter in the region code', '9135A100M000100Y43'],
    ['punctuation', '91350100M000100Y4-'],
    ['a non-string', 91350100],
  ])('should reject with format when given %s', (_label, code) => {
    expect(checkCnCreditCode(code)).toMatchObject({ valid: false, reason: 'format' });
  });

  it.each(['B', 'X', '0'])(
    'should reject with registration_authority when the authority is %s',
    (authority) => {
      const code = creditCodeFixture(`${authority}1310115MA1H8XXX0`);
      expect(checkCnCreditCode(code)).toMatchObject({ valid: false, reason: 'registration_authority' });
    },
  );

  it.each(['94', '99', 'Y2', '5A', 'A2', '24'])(
    'should reject with institution_type when authority and type are %s',
    (prefix) => {
      const code = creditCodeFixture(`${prefix}310115MA1H8XXX0`);
      expect(checkCnCreditCode(code)).toMatchObject({ valid: false, reason: 'institution_type' });
    },
  );
});

describe(cnCreditCodeCheckChar.name, () => {
  it('should match the independently computed fixture when given many bodies', () => {
    for (let n = 0; n < 2000; n++) {
      const organization = [...String(n).padStart(9, '0')].map(
        (d, i) => ALPHABET[(Number(d) * 7 + i * n) % 31],
      );
      const code = creditCodeFixture(`91440300${organization.join('')}`);
      expect(cnCreditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it('should map a sum divisible by 31 to check character 0', () => {
    expect(cnCreditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('should throw RangeError when the body has the wrong length or a forbidden character', () => {
    expect(() => cnCreditCodeCheckChar('9135010')).toThrow(RangeError);
    expect(() => cnCreditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
  });

  it('should reject a code whose check character is replaced', () => {
    expect(isCnCreditCode(withWrongCheck('91350100M000100Y43', ALPHABET))).toBe(false);
  });
});
