/**
 * The outcome of checking one identifier: the normalised value and what was read from it, or the
 * first rule it breaks with a message fit for a field-level validation error.
 */
export type IdentityCheck<TParsed, TReason extends string> =
  | { readonly valid: true; readonly value: TParsed }
  | { readonly valid: false; readonly reason: TReason; readonly message: string };

/** Builds the failing branch of {@link IdentityCheck}. */
export function identityFailure<TReason extends string>(
  reason: TReason,
  message: string,
): { readonly valid: false; readonly reason: TReason; readonly message: string } {
  return { valid: false, reason, message };
}
