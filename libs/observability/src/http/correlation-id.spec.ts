import { validate, version } from 'uuid';
import { newCorrelationId } from './correlation-id';

describe(newCorrelationId.name, () => {
  it('should return a valid UUIDv7 when called', () => {
    const id = newCorrelationId();

    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
  });

  it('should return distinct ids when called past one refill of the random pool', () => {
    const ids = Array.from({ length: 1_000 }, () => newCorrelationId());

    expect(new Set(ids).size).toBe(1_000);
  });

  it('should start with the current time when called', () => {
    const before = Date.now();
    const id = newCorrelationId();

    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now());
  });
});
