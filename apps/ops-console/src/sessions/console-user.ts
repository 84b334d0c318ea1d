import { CONSOLE_ROLE_SCOPES, ConsoleRole } from '@merchant-pulse/config';
import { ConsoleAccount } from '../config/console-users';

/** The signed-in user as the web app sees it (docs/services/ops-console.md). */
export interface ConsoleUserView {
  username: string;
  displayName: string;
  role: ConsoleRole;
  /** The scopes of the role's service key (`*` for ops_admin): the web app hides what the role cannot do. */
  scopes: string[];
  locale: 'zh-CN' | 'en';
}

export function userView(account: ConsoleAccount): ConsoleUserView {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    scopes: [...CONSOLE_ROLE_SCOPES[account.role]],
    locale: account.locale,
  };
}

/** Whether a role carries `scope` (directly or through `*`). */
export function roleHasScope(role: ConsoleRole, scope: string): boolean {
  const scopes = CONSOLE_ROLE_SCOPES[role];
  return scopes.includes('*') || scopes.includes(scope);
}
