import { checkCnResidentId, cnResidentIdCheckChar, isCnResidentId } from './cn-resident-id.validator';
import { residentIdFixture, withWrongCheck } from './identity.fixtures';

const today = new Date('2026-03-15T04:00:00Z'); // 12:00 in China

describe(checkCnResidentId.name, () => {
  it('should accept the GB 11643-1999 example when it is given as published', () => {
    expect(checkCnResidentId('11010519491231002X', today)).toEqual({
      valid: true,
      value: {
        normalized: '11010519491231002X',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
  });

  it('should normalise to upper case when the check character is a lowercase x', () => {
    const result = checkCnResidentId(' 11010519491231002x ', today);
    expect(result.valid && result.value.normalized).toBe('11010519491231002X');
  });

  it.each([
    ['110101', '19900307', '775'],
    ['440305', '20000229', '001'], // leap day
    ['810000', '19000101', '002'], // earliest date, region 8
    ['650102', '20260315', '013'], // born today
    ['310104', '19851231', '999'],
  ])('should accept a generated ID when region %s, birth %s, sequence %s', (region, birth, sequence) => {
    expect(isCnResidentId(residentIdFixture(region, birth, sequence), today)).toBe(true);
  });

  it('should report sex from the 17th digit when the ID is valid', () => {
    const male = checkCnResidentId(residentIdFixture('110101', '19900307', '771'), today);
    expect(male.valid && male.value.sex).toBe('male');
  });

  it('should reject with check_char when any check character is wrong', () => {
    const valid = residentIdFixture('110101', '19900307', '775');
    for (const wrong of '0123456789X'.replace(valid[17], '')) {
      expect(checkCnResidentId(valid.slice(0, 17) + wrong, today)).toMatchObject({
        valid: false,
        reason: 'check_char',
      });
    }
  });

  it.each([
    ['19990230', 'not a real calendar date'],
    ['19990229', 'not a real calendar date'], // 1999 is not a leap year
    ['19001301', 'not a real calendar date'],
    ['19900001', 'not a real calendar date'],
    ['19900100', 'not a real calendar date'],
    ['19000229', 'not a real calendar date'], // 1900 is not a leap year
    ['18991231', 'before 1900'],
    ['20260316', 'in the future'], // tomorrow in China
  ])('should reject with birth_date when the birth date is %s', (birth, message) => {
    const result = checkCnResidentId(residentIdFixture('110101', birth, '775'), today);
    expect(result).toMatchObject({ valid: false, reason: 'birth_date' });
    expect(!result.valid && result.message).toContain(message);
  });

  it('should use the China calendar date when deciding whether a birth date is in the future', () => {
    const id = residentIdFixture('110101', '20260316', '775');
    expect(isCnResidentId(id, new Date('2026-03-15T15:59:59Z'))).toBe(false); // 23:59:59 in China
    expect(isCnResidentId(id, new Date('2026-03-15T16:00:00Z'))).toBe(true); // midnight in China
  });

  it.each(['0', '9'])('should reject with region when the first digit is %s', (first) => {
    const id = residentIdFixture(`${first}10101`, '19900307', '775');
    expect(checkCnResidentId(id, today)).toMatchObject({ valid: false, reason: 'region' });
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['a 15-digit first-generation number', '110105491231002'],
    ['a letter in the body', '1101051949123100AX'],
    ['a check letter other than X', '11010519491231002Y'],
    ['inner spaces', '110105 19491231002X'],
    ['an empty string', ''],
  ])('should reject with format when given %s', (_label, id) => {
    expect(checkCnResidentId(id, today)).toMatchObject({ valid: false, reason: 'format' });
  });

  it.each([null, undefined, 11010519491231002, {}])('should reject with format when given %p', (value) => {
    expect(checkCnResidentId(value, today)).toMatchObject({ valid: false, reason: 'format' });
  });

  it('should use the current time when no date is given', () => {
    expect(isCnResidentId('11010519491231002X')).toBe(true);
    expect(isCnResidentId(residentIdFixture('110101', '29991231', '775'))).toBe(false);
  });
});

describe(cnResidentIdCheckChar.name, () => {
  it('should match the independently computed fixture when given many bodies', () => {
    for (let n = 0; n < 2000; n++) {
      const id = residentIdFixture('110101', '19900307', String(n % 1000).padStart(3, '0'));
      const other = residentIdFixture(String(110000 + n * 37).slice(0, 6), '19850101', '123');
      expect(cnResidentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
      expect(cnResidentIdCheckChar(other.slice(0, 17))).toBe(other[17]);
    }
  });

  it('should throw RangeError when the body is not 17 digits', () => {
    expect(() => cnResidentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => cnResidentIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  it('should give a different result when one digit changes', () => {
    const valid = residentIdFixture();
    expect(isCnResidentId(withWrongCheck(valid), today)).toBe(false);
    const swapped = valid.slice(0, 16) + String((Number(valid[16]) + 1) % 10) + valid[17];
    expect(isCnResidentId(swapped, today)).toBe(false);
  });
});
