import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsBankCard, IsCnCreditCode, IsCnMobile, IsCnResidentId } from './identity.decorators';
import { bankCardFixture, creditCodeFixture, residentIdFixture } from './identity.fixtures';
import {
  NormalizeBankCard,
  NormalizeCnCreditCode,
  NormalizeCnMobile,
  NormalizeCnResidentId,
} from './identity.transforms';

class KycDto {
  @NormalizeCnResidentId()
  @IsCnResidentId()
  legalRepIdNumber: string;

  @NormalizeCnCreditCode()
  @IsCnCreditCode()
  creditCode: string;

  @NormalizeCnMobile()
  @IsCnMobile()
  phone: string;

  @NormalizeBankCard()
  @IsBankCard()
  settlementCard: string;
}

class PhonesDto {
  @IsCnMobile({ each: true })
  phones: string[];
}

const validInput = {
  legalRepIdNumber: '11010519491231002x',
  creditCode: '91350100m000100y43',
  phone: '+86 138 1234 5678',
  settlementCard: '4111 1111 1111 1111',
};

function messagesOf(input: Record<string, unknown>): Record<string, string[]> {
  const errors = validateSync(plainToInstance(KycDto, input));
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('identity validation decorators', () => {
  it('should pass and normalise every field when the DTO is valid', () => {
    const dto = plainToInstance(KycDto, validInput);
    expect(validateSync(dto)).toEqual([]);
    expect(dto).toEqual({
      legalRepIdNumber: '11010519491231002X',
      creditCode: '91350100M000100Y43',
      phone: '13812345678',
      settlementCard: '4111111111111111',
    });
  });

  it('should name the broken rule per field when every field is invalid', () => {
    expect(
      messagesOf({
        legalRepIdNumber: residentIdFixture('110101', '19990230', '775'),
        creditCode: creditCodeFixture('94350100M000100Y4'),
        phone: '12812345678',
        settlementCard: '4111 1111 1111 1112',
      }),
    ).toEqual({
      legalRepIdNumber: ['legalRepIdNumber has a birth date 19990230 that is not a real calendar date'],
      creditCode: ['creditCode has an unknown institution type 4 for authority 9'],
      phone: [
        'phone must be a mainland China mobile number: 11 digits starting 13–19, optionally prefixed +86',
      ],
      settlementCard: ['settlementCard has a wrong check digit (Luhn)'],
    });
  });

  it('should report a wrong check character when only the check character is off', () => {
    const id = residentIdFixture();
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(messagesOf({ ...validInput, legalRepIdNumber: wrong })).toEqual({
      legalRepIdNumber: ['legalRepIdNumber has a wrong check character (GB 11643 MOD 11-2)'],
    });
  });

  it('should report a format problem when the value is missing or not a string', () => {
    expect(messagesOf({ ...validInput, legalRepIdNumber: undefined, settlementCard: 42 })).toEqual({
      legalRepIdNumber: ['legalRepIdNumber must be a string'],
      settlementCard: ['settlementCard must be a string'],
    });
  });

  it('should prefix the message when validating each element of an array', () => {
    const errors = validateSync(plainToInstance(PhonesDto, { phones: ['13812345678', '123'] }));
    expect(errors).toHaveLength(1);
    expect(Object.values(errors[0].constraints!)[0]).toMatch(
      /^each value in phones must be a mainland China mobile/,
    );
    expect(validateSync(plainToInstance(PhonesDto, { phones: ['13812345678', '+8619900000000'] }))).toEqual(
      [],
    );
  });

  it('should accept generated fixtures when they are valid', () => {
    const dto = plainToInstance(KycDto, {
      legalRepIdNumber: residentIdFixture('320102', '19880808', '456'),
      creditCode: creditCodeFixture('92320102MA1XY4123'),
      phone: '19912345678',
      settlementCard: bankCardFixture('621700000000000000'),
    });
    expect(validateSync(dto)).toEqual([]);
  });
});
