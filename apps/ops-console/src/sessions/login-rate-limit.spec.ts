import { judgeSignInAttempt } from './login-rate-limit';

const limits = { perUsername: 5, perIp: 20, windowSeconds: 900 };

describe(judgeSignInAttempt.name, () => {
  it('should allow attempts up to and including the maximum of each counter', () => {
    expect(
      judgeSignInAttempt({ username: { count: 5, ttlMs: 1000 }, ip: { count: 20, ttlMs: 1000 } }, limits),
    ).toEqual({ allowed: true });
  });

  it('should block the attempt after the username maximum and wait until its window ends', () => {
    expect(
      judgeSignInAttempt(
        { username: { count: 6, ttlMs: 120_400 }, ip: { count: 6, ttlMs: 890_000 } },
        limits,
      ),
    ).toEqual({ allowed: false, retryAfterSeconds: 121 });
  });

  it('should block on the IP counter alone when the username is fresh', () => {
    expect(
      judgeSignInAttempt(
        { username: { count: 1, ttlMs: 900_000 }, ip: { count: 21, ttlMs: 30_000 } },
        limits,
      ),
    ).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('should wait for the later window when both counters are exceeded', () => {
    expect(
      judgeSignInAttempt(
        { username: { count: 9, ttlMs: 10_000 }, ip: { count: 25, ttlMs: 400_001 } },
        limits,
      ),
    ).toEqual({ allowed: false, retryAfterSeconds: 401 });
  });

  it('should ask for at least one second and assume a full window when Redis reports no expiry', () => {
    expect(
      judgeSignInAttempt({ username: { count: 6, ttlMs: 20 }, ip: { count: 1, ttlMs: 1 } }, limits),
    ).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(
      judgeSignInAttempt({ username: { count: 6, ttlMs: -1 }, ip: { count: 1, ttlMs: 1 } }, limits),
    ).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });
});
