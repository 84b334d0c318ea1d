import { FULLY_MASKED, maskCard, maskEmail, maskIdNumber, maskPhone } from './pii.masking';

describe(maskPhone.name, () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
  ])('should keep the first 3 and last 4 digits when given %p', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each(['12345', '', '+852 9123 4567'])(
    'should mask fully when given the non-mainland value %p',
    (input) => {
      expect(maskPhone(input)).toBe(FULLY_MASKED);
    },
  );
});

describe(maskIdNumber.name, () => {
  it.each([
    ['11010119900307123X', '110101********123X'],
    ['11010519491231002x', '110105********002X'],
  ])('should keep the first 6 and last 4 characters when given %p', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each(['110105491231002', '', 'not-an-id-number!!'])('should mask fully when given %p', (input) => {
    expect(maskIdNumber(input)).toBe(FULLY_MASKED);
  });
});

describe(maskEmail.name, () => {
  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    [' Zhang.San@Example.COM ', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
  ])('should keep the first character and the domain when given %p', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it.each(['no-at-sign', '@example.com', 'zhang@', ''])('should mask fully when given %p', (input) => {
    expect(maskEmail(input)).toBe(FULLY_MASKED);
  });
});

describe(maskCard.name, () => {
  it.each([
    ['6222021234567890128', '**** **** **** 0128'],
    ['4111 1111 1111 1234', '**** **** **** 1234'],
    ['123456789012', '**** **** **** 9012'],
  ])('should keep only the last 4 digits when given %p', (input, expected) => {
    expect(maskCard(input)).toBe(expected);
  });

  it.each(['1234', '4111-1111-1111-1111', ''])('should mask fully when given %p', (input) => {
    expect(maskCard(input)).toBe(FULLY_MASKED);
  });
});
