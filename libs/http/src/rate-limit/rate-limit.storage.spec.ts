import { SlidingWindowRateLimitStorage } from './rate-limit.storage';

const MINUTE = 60_000;

describe(SlidingWindowRateLimitStorage.name, () => {
  let now: number;
  let storage: SlidingWindowRateLimitStorage;

  beforeEach(() => {
    now = 1_700_000_000_000;
    storage = new SlidingWindowRateLimitStorage(() => now);
  });

  it('should allow requests up to the limit and block the next when within the window', () => {
    expect(storage.hit('k', MINUTE, 2)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(storage.hit('k', MINUTE, 2)).toMatchObject({ totalHits: 2, isBlocked: false });

    const refused = storage.hit('k', MINUTE, 2);

    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBe(60);
  });

  it('should keep one budget per key when several keys are used', () => {
    storage.hit('a', MINUTE, 1);

    expect(storage.hit('b', MINUTE, 1).isBlocked).toBe(false);
    expect(storage.hit('a', MINUTE, 1).isBlocked).toBe(true);
  });

  it('should let a client back in when its oldest hits leave the window', () => {
    storage.hit('k', MINUTE, 2);
    now += 30_000;
    storage.hit('k', MINUTE, 2);
    expect(storage.hit('k', MINUTE, 2)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });

    now += 30_000;

    expect(storage.hit('k', MINUTE, 2)).toMatchObject({ isBlocked: false, totalHits: 2 });
    expect(storage.hit('k', MINUTE, 2).isBlocked).toBe(true);
  });

  it('should not count refused requests when a client keeps hammering', () => {
    storage.hit('k', MINUTE, 1);
    for (let i = 0; i < 100; i += 1) storage.hit('k', MINUTE, 1);

    now += MINUTE;

    expect(storage.hit('k', MINUTE, 1).isBlocked).toBe(false);
  });

  it('should reset the whole window when a client was idle longer than the window', () => {
    storage.hit('k', MINUTE, 1);

    now += 5 * MINUTE;

    expect(storage.hit('k', MINUTE, 1)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('should forget idle clients when a window has passed', () => {
    storage.hit('idle', MINUTE, 5);
    now += 2 * MINUTE;

    storage.hit('busy', MINUTE, 5);

    expect(storage.size).toBe(1);
  });

  it('should resolve the same record when called through the throttler interface', async () => {
    await expect(storage.increment('k', MINUTE, 1)).resolves.toMatchObject({ isBlocked: false });
    await expect(storage.increment('k', MINUTE, 1)).resolves.toMatchObject({ isBlocked: true });
  });
});
