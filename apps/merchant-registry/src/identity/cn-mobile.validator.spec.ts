import { isCnMobile, normalizeCnMobile } from './cn-mobile.validator';

describe(normalizeCnMobile.name, () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['(+86) 199 0000 0000', '19900000000'],
    [' 15000000000 ', '15000000000'],
  ])('should return the 11 digits when given %p', (input, expected) => {
    expect(normalizeCnMobile(input)).toBe(expected);
  });

  it.each(['13', '14', '15', '16', '17', '18', '19'])('should accept the %s prefix', (prefix) => {
    expect(isCnMobile(`${prefix}012345678`)).toBe(true);
  });

  it.each([
    ['a 10 prefix', '10012345678'],
    ['a 12 prefix', '12012345678'],
    ['a 2 prefix', '23812345678'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['a landline', '01012345678'],
    ['another country code', '+85213812345678'],
    ['+86 with a short number', '+861381234567'],
    ['86 alone', '86'],
    ['letters', '1381234567a'],
    ['an empty string', ''],
  ])('should return null when given %s', (_label, input) => {
    expect(normalizeCnMobile(input)).toBeNull();
    expect(isCnMobile(input)).toBe(false);
  });

  it.each([null, undefined, 13812345678, ['13812345678']])(
    'should return null when given the non-string %p',
    (input) => {
      expect(normalizeCnMobile(input)).toBeNull();
    },
  );
});
