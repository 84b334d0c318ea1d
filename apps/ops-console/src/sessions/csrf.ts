import { timingSafeEqual } from 'node:crypto';

/** Methods that change nothing and so need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Header the web app sends the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Whether a request passes the CSRF check: safe methods always; any other needs the `X-CSRF-Token`
 * header equal to the session's token (compared in constant time). Never throws.
 */
export function csrfAllows(
  method: string,
  header: string | string[] | undefined,
  sessionToken: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (typeof header !== 'string' || header.length === 0 || sessionToken.length === 0) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(sessionToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
