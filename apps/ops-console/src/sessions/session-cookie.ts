/** Name of the session cookie (docs/services/ops-console.md). */
export const SESSION_COOKIE = 'pulse_console_sid';

/** The value of cookie `name` in a `Cookie` header, or undefined. Never throws. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value === '' ? undefined : value.replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * The `Set-Cookie` value of the session cookie: HttpOnly, SameSite=Strict, Path=/, `Secure` when
 * `secure`. `maxAgeSeconds` 0 deletes it. No `Max-Age` otherwise: a browser-session cookie, while
 * Redis decides when the session ends.
 */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}
