import { buildMessage, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { checkBankCard } from './bank-card.validator';
import { checkCnCreditCode } from './cn-credit-code.validator';
import { CN_MOBILE_MESSAGE, isCnMobile } from './cn-mobile.validator';
import { checkCnResidentId } from './cn-resident-id.validator';
import { IdentityCheck } from './identity-check';

type Checker = (value: unknown) => IdentityCheck<unknown, string>;

/**
 * A class-validator decorator around a checker whose message names the rule the value broke,
 * e.g. "legalRepIdNumber has a birth date 19990230 that is not a real calendar date".
 */
function validateWith(
  name: string,
  check: Checker,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => check(value).valid,
        defaultMessage: buildMessage((eachPrefix: string, args?: ValidationArguments) => {
          const result = check(args?.value);
          return `${eachPrefix}$property ${result.valid ? 'is invalid' : result.message}`;
        }, validationOptions),
      },
    },
    validationOptions,
  );
}

/**
 * The property is an 18-digit resident identity card number (GB 11643-1999): format, plausible region,
 * real birth date from 1900 up to today (wall clock, China time), MOD 11-2 check. Lowercase `x` passes;
 * pair with {@link NormalizeCnResidentId} to store it upper-cased.
 */
export function IsCnResidentId(validationOptions?: ValidationOptions): PropertyDecorator {
  return validateWith('isCnResidentId', (value) => checkCnResidentId(value), validationOptions);
}

/**
 * The property is an 18-character unified social credit code (GB 32100-2015): alphabet, known
 * registration authority and institution type, MOD 31 check. Pair with {@link NormalizeCnCreditCode}.
 */
export function IsCnCreditCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return validateWith('isCnCreditCode', checkCnCreditCode, validationOptions);
}

/**
 * The property is a mainland China mobile number, with optional +86/0086/86 prefix and separators.
 * Pair with {@link NormalizeCnMobile} to store the 11 digits.
 */
export function IsCnMobile(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCnMobile',
      validator: {
        validate: (value: unknown): boolean => isCnMobile(value),
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property ${CN_MOBILE_MESSAGE}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * The property is a settlement bank card number: 12–19 digits (spaces allowed) passing Luhn.
 * Pair with {@link NormalizeBankCard} to store the digits only.
 */
export function IsBankCard(validationOptions?: ValidationOptions): PropertyDecorator {
  return validateWith('isBankCard', checkBankCard, validationOptions);
}
