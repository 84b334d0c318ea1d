import { FakeClock, SettableClock } from './clock';

describe(SettableClock.name, () => {
  it('should run at wall-clock speed from its start when time passes', () => {
    let wall = 1_000_000;
    const clock = new SettableClock('2026-09-01T00:00:00Z', () => wall);
    expect(clock.now().toISOString()).toBe('2026-09-01T00:00:00.000Z');
    wall += 1_500;
    expect(clock.now().toISOString()).toBe('2026-09-01T00:00:01.500Z');
  });

  it('should read the new instant and keep running when set', () => {
    let wall = 0;
    const clock = new SettableClock('2026-09-01T00:00:00Z', () => wall);
    clock.set('2026-10-15T12:00:00Z');
    wall += 60_000;
    expect(clock.now().toISOString()).toBe('2026-10-15T12:01:00.000Z');
  });
});

describe(FakeClock.name, () => {
  it('should move only when advanced', () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    clock.advanceDays(2);
    clock.advance(1_000);
    expect(clock.now().toISOString()).toBe('2026-01-03T00:00:01.000Z');
  });

  it('should refuse to move backwards when advanced by a negative duration', () => {
    expect(() => new FakeClock().advance(-1)).toThrow(RangeError);
  });
});
