import { backoffDelayMs } from './backoff';
import { TopicNamer } from './kafka.client';

describe(TopicNamer.name, () => {
  it('should prefix physical names and strip the prefix back when a prefix is set', () => {
    const namer = new TopicNamer('t_run1.');
    expect(namer.physical('merchant.activity.v1')).toBe('t_run1.merchant.activity.v1');
    expect(namer.logical('t_run1.merchant.activity.v1')).toBe('merchant.activity.v1');
  });

  it('should leave names unchanged when the prefix is empty', () => {
    const namer = new TopicNamer('');
    expect(namer.physical('a.v1')).toBe('a.v1');
    expect(namer.logical('a.v1')).toBe('a.v1');
  });
});

describe(backoffDelayMs.name, () => {
  it('should grow exponentially between half and all of the ceiling when attempts increase', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(800);
  });

  it('should never exceed the cap when the attempt count is large', () => {
    expect(backoffDelayMs(30, 100, 5_000, () => 1)).toBe(5_000);
  });
});
