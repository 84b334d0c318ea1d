import { CONSOLE_ROLES, CONSOLE_ROLE_SCOPES } from '@merchant-pulse/config';
import { roleHasScope } from './console-user';

describe(roleHasScope.name, () => {
  it('should give pii:read to the account manager and the ops admin only', () => {
    expect(CONSOLE_ROLES.filter((role) => roleHasScope(role, 'pii:read'))).toEqual([
      'account_manager',
      'ops_admin',
    ]);
  });

  it('should give the ops admin every scope through "*"', () => {
    expect(roleHasScope('ops_admin', 'merchants:review')).toBe(true);
    expect(CONSOLE_ROLE_SCOPES.ops_admin).toEqual(['*']);
  });

  it('should keep write scopes away from the read-only role', () => {
    expect(CONSOLE_ROLE_SCOPES.read_only.filter((scope) => !scope.endsWith(':read'))).toEqual([]);
  });

  it('should let only agents who work the phone queue claim call tasks', () => {
    expect(CONSOLE_ROLES.filter((role) => roleHasScope(role, 'phone-tasks:work'))).toEqual([
      'activation_agent',
      'support_agent',
      'account_manager',
      'ops_admin',
    ]);
  });
});
