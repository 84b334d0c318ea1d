import { nextSessionTtlMs } from './session.store';

const limits = { idleSeconds: 1800, maxSeconds: 43_200 };
const signedInAt = Date.parse('2026-12-01T08:00:00.000Z');

describe(nextSessionTtlMs.name, () => {
  it('should give the full idle time again on each use (sliding)', () => {
    expect(nextSessionTtlMs(signedInAt, signedInAt, limits)).toBe(1_800_000);
    expect(nextSessionTtlMs(signedInAt, signedInAt + 3_600_000, limits)).toBe(1_800_000);
  });

  it('should never extend a session past its maximum age', () => {
    expect(nextSessionTtlMs(signedInAt, signedInAt + 43_200_000 - 60_000, limits)).toBe(60_000);
  });

  it('should report an ended session once the maximum age has passed', () => {
    expect(nextSessionTtlMs(signedInAt, signedInAt + 43_200_000, limits)).toBeLessThanOrEqual(0);
  });
});
