import { Transform } from 'class-transformer';
import { normalizeBankCard } from './bank-card.validator';
import { normalizeCnCreditCode } from './cn-credit-code.validator';
import { normalizeCnMobile } from './cn-mobile.validator';
import { normalizeCnResidentId } from './cn-resident-id.validator';

/*
 * class-transformer decorators that put identifiers in canonical form when a DTO is built
 * (ValidationPipe with `transform: true`). They run before validation, leave non-strings and values
 * that cannot be normalised untouched, so the paired @Is… decorator still reports them.
 */

/** Trims and upper-cases a resident ID number (`…123x` → `…123X`). */
export function NormalizeCnResidentId(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? normalizeCnResidentId(value) : value));
}

/** Trims and upper-cases a unified social credit code. */
export function NormalizeCnCreditCode(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? normalizeCnCreditCode(value) : value));
}

/** Reduces a mainland mobile number to its 11 digits (`+86 138 1234 5678` → `13812345678`). */
export function NormalizeCnMobile(): PropertyDecorator {
  return Transform(({ value }) => normalizeCnMobile(value) ?? value);
}

/** Removes spaces from a bank card number. */
export function NormalizeBankCard(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? normalizeBankCard(value) : value));
}
