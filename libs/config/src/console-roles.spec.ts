import { createHash } from 'node:crypto';
import { CONSOLE_ROLES, CONSOLE_ROLE_SCOPES, consoleApiKeys } from './console-roles';

describe(consoleApiKeys.name, () => {
  it('should give each role one key with its scopes and only the hash of its secret', () => {
    const secrets = Object.fromEntries(CONSOLE_ROLES.map((role) => [role, `secret-of-${role}`])) as Record<
      (typeof CONSOLE_ROLES)[number],
      string
    >;
    const keys = consoleApiKeys(secrets);
    expect(keys.map((k) => k.id)).toEqual(CONSOLE_ROLES.map((role) => `ops-console-${role}`));
    const manager = keys.find((k) => k.id === 'ops-console-account_manager')!;
    expect(manager.sha256).toBe(createHash('sha256').update('secret-of-account_manager').digest('hex'));
    expect(manager.scopes).toEqual([...CONSOLE_ROLE_SCOPES.account_manager]);
    expect(JSON.stringify(keys)).not.toContain('secret-of-');
  });
});
