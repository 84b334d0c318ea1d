import { SESSION_COOKIE, readCookie, sessionCookie } from './session-cookie';

describe(readCookie.name, () => {
  it('should find the named cookie among others', () => {
    expect(readCookie(`theme=dark; ${SESSION_COOKIE}=abc_DEF-123; lang=en`, SESSION_COOKIE)).toBe(
      'abc_DEF-123',
    );
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['only other cookies', 'theme=dark; x_pulse_console_sid=abc'],
    ['an empty value', `${SESSION_COOKIE}=`],
    ['a malformed header', ';;=;garbage'],
  ])('should return undefined for %s', (_case, header) => {
    expect(readCookie(header, SESSION_COOKIE)).toBeUndefined();
  });
});

describe(sessionCookie.name, () => {
  it('should be HttpOnly and SameSite=Strict, Secure only when asked', () => {
    expect(sessionCookie('abc', { secure: false })).toBe(
      `${SESSION_COOKIE}=abc; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(sessionCookie('abc', { secure: true })).toContain('; Secure');
  });

  it('should expire the cookie with Max-Age=0 on sign-out', () => {
    expect(sessionCookie('', { secure: true, maxAgeSeconds: 0 })).toMatch(/Max-Age=0$/);
  });
});
