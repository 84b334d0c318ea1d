import { createHash } from 'node:crypto';
import type { ApiKeyDefinition } from './api-keys.parser';

/** The ops console's roles (docs/services/ops-console.md). */
export const CONSOLE_ROLES = [
  'activation_agent',
  'support_agent',
  'account_manager',
  'ops_admin',
  'read_only',
] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/**
 * The scopes each console role's API key carries in every service (docs/services/ops-console.md).
 * The console holds one secret per role; the services hold only its hash, under {@link consoleApiKeyId}.
 */
export const CONSOLE_ROLE_SCOPES: Readonly<Record<ConsoleRole, readonly string[]>> = {
  activation_agent: [
    'merchants:read',
    'risk:read',
    'campaigns:read',
    'campaigns:write',
    'phone-tasks:work',
    'loyalty:read',
    'membership:read',
    'tickets:read',
    'terminals:read',
  ],
  support_agent: [
    'merchants:read',
    'terminals:read',
    'tickets:read',
    'tickets:write',
    'risk:read',
    'phone-tasks:work',
  ],
  account_manager: [
    'merchants:read',
    'pii:read',
    'risk:read',
    'campaigns:read',
    'care-visits:open',
    'phone-tasks:work',
    'loyalty:read',
    'loyalty:redeem',
    'membership:read',
    'tickets:read',
    'tickets:write',
    'terminals:read',
  ],
  ops_admin: ['*'],
  read_only: [
    'merchants:read',
    'risk:read',
    'campaigns:read',
    'tickets:read',
    'loyalty:read',
    'membership:read',
    'terminals:read',
    'reconciliation:read',
    'transactions:read',
  ],
};

/** Whether `role` is one of {@link CONSOLE_ROLES}. */
export function isConsoleRole(role: unknown): role is ConsoleRole {
  return typeof role === 'string' && (CONSOLE_ROLES as readonly string[]).includes(role);
}

/** Id of a console role's key in the services' `API_KEYS`, e.g. `ops-console-account_manager`. */
export function consoleApiKeyId(role: ConsoleRole): string {
  return `ops-console-${role}`;
}

/**
 * The `API_KEYS` entries (hash only) that let the services accept the console's role keys, given the
 * secret of each role (the console's `CONSOLE_SERVICE_KEYS`).
 */
export function consoleApiKeys(secrets: Readonly<Record<ConsoleRole, string>>): ApiKeyDefinition[] {
  return CONSOLE_ROLES.map((role) => ({
    id: consoleApiKeyId(role),
    sha256: createHash('sha256').update(secrets[role]).digest('hex'),
    scopes: [...CONSOLE_ROLE_SCOPES[role]],
  }));
}
