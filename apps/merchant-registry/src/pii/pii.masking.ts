import { normalizeCnMobile } from '../identity/cn-mobile.validator';

/*
 * Display masks for PII in responses, logs and support screens. A value that does not have the
 * expected shape is masked completely, so a malformed value never leaks more than a valid one.
 */

/** What any value of an unexpected shape is shown as. */
export const FULLY_MASKED = '****';

/** `13812345678` (or `+86 138 1234 5678`) → `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = normalizeCnMobile(phone);
  return digits ? `${digits.slice(0, 3)}****${digits.slice(7)}` : FULLY_MASKED;
}

/** `11010519491231002X` → `110101********002X`: first 6 (region), 8 stars (birth date), last 4. */
export function maskIdNumber(idNumber: string): string {
  const id = typeof idNumber === 'string' ? idNumber.trim().toUpperCase() : '';
  return /^[0-9A-Z]{18}$/.test(id) ? `${id.slice(0, 6)}********${id.slice(14)}` : FULLY_MASKED;
}

/** `Zhang.San@Example.com` → `z***@example.com`: first character of the local part and the domain. */
export function maskEmail(email: string): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  const at = normalized.lastIndexOf('@');
  if (at < 1 || at === normalized.length - 1) return FULLY_MASKED;
  return `${normalized[0]}***${normalized.slice(at)}`;
}

/** `6222 0212 3456 7890 128` → `**** **** **** 0128`: the last 4 digits of a 12–19 digit card. */
export function maskCard(card: string): string {
  const digits = typeof card === 'string' ? card.replace(/\s/g, '') : '';
  return /^\d{12,19}$/.test(digits) ? `**** **** **** ${digits.slice(-4)}` : FULLY_MASKED;
}
