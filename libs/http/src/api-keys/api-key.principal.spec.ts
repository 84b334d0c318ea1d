import { hasScope } from './api-key.principal';

describe(hasScope.name, () => {
  it('should grant a listed scope when the key holds it', () => {
    expect(hasScope({ id: 'a', scopes: ['pii:read'] }, 'pii:read')).toBe(true);
  });

  it('should deny an unlisted scope when the key holds others', () => {
    expect(hasScope({ id: 'a', scopes: ['merchants:read'] }, 'pii:read')).toBe(false);
  });

  it('should grant any scope when the key holds "*"', () => {
    expect(hasScope({ id: 'a', scopes: ['*'] }, 'pii:read')).toBe(true);
  });

  it('should deny when there is no key', () => {
    expect(hasScope(undefined, 'pii:read')).toBe(false);
  });
});
