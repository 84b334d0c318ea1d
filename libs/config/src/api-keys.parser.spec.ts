import { parseApiKeys } from './api-keys.parser';

const HASH = 'A'.repeat(64);

describe(parseApiKeys.name, () => {
  it('should return the keys with lowercase hashes when the array is valid', () => {
    const keys = parseApiKeys(JSON.stringify([{ id: 'ops', sha256: HASH, scopes: ['merchants:read', '*'] }]));

    expect(keys).toEqual([{ id: 'ops', sha256: 'a'.repeat(64), scopes: ['merchants:read', '*'] }]);
  });

  it.each([
    ['{"id":"ops"}', 'must be a JSON array'],
    ['[1]', '[0] must be an object'],
    [JSON.stringify([{ sha256: HASH, scopes: [] }]), '[0].id must be a non-empty string'],
    [JSON.stringify([{ id: 'a', sha256: 'xyz', scopes: [] }]), '[0].sha256 must be 64 hex characters'],
    [JSON.stringify([{ id: 'a', sha256: HASH, scopes: 'all' }]), '[0].scopes must be an array'],
    [
      JSON.stringify([
        { id: 'a', sha256: HASH, scopes: [] },
        { id: 'a', sha256: HASH, scopes: [] },
      ]),
      'duplicate id "a"',
    ],
  ])('should explain the problem when API_KEYS is %s', (raw, reason) => {
    expect(() => parseApiKeys(raw)).toThrow(reason);
  });
});
