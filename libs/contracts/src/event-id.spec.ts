import { validate as isUuid, version as uuidVersion } from 'uuid';
import { newEventId } from './event-id';

describe(newEventId.name, () => {
  it('should give valid, unique, strictly increasing UUIDv7s across pool refills and within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newEventId());

    expect(ids.every((id) => isUuid(id) && uuidVersion(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });

  it('should carry the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = newEventId();
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);

    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });
});
