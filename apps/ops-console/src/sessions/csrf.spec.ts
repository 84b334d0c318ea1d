import { csrfAllows } from './csrf';

const TOKEN = 'q0Zr3wVb9yT5mQ1xK8nP2sL6dF4hJ7gA0cE3uI9oR2t';

describe(csrfAllows.name, () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('should allow %s without a token', (method) => {
    expect(csrfAllows(method, undefined, TOKEN)).toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('should refuse %s when the header is missing', (method) => {
    expect(csrfAllows(method, undefined, TOKEN)).toBe(false);
  });

  it('should allow a change when the header equals the session token', () => {
    expect(csrfAllows('POST', TOKEN, TOKEN)).toBe(true);
  });

  it.each([
    ['a different token of the same length', `${TOKEN.slice(0, -1)}x`],
    ['a prefix of the token', TOKEN.slice(0, 10)],
    ['the token with a suffix', `${TOKEN}x`],
    ['an empty header', ''],
  ])('should refuse a change when the header is %s', (_case, header) => {
    expect(csrfAllows('DELETE', header, TOKEN)).toBe(false);
  });

  it('should refuse a repeated header (an array) and a session without a token', () => {
    expect(csrfAllows('POST', [TOKEN, TOKEN], TOKEN)).toBe(false);
    expect(csrfAllows('POST', '', '')).toBe(false);
  });
});
