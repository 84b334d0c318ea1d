import { CONSOLE_ROLES, ConsoleRole } from '@merchant-pulse/config';

/** The secret of each role's API key, sent by the console to the services as `Authorization: Bearer`. */
export type ConsoleServiceKeys = Readonly<Record<ConsoleRole, string>>;

/** Shortest role secret accepted in production. */
export const SERVICE_KEY_MIN_LENGTH = 32;

/**
 * The public development secret of a role's key (used when `CONSOLE_SERVICE_KEYS` is unset outside
 * production; production refuses them). Services started for development accept them through
 * `consoleApiKeys(DEVELOPMENT_SERVICE_KEYS)`.
 */
export const DEVELOPMENT_SERVICE_KEYS: ConsoleServiceKeys = Object.fromEntries(
  CONSOLE_ROLES.map((role) => [role, `pulse-dev-console-${role}-key-not-for-production`]),
) as Record<ConsoleRole, string>;

/**
 * Parses `CONSOLE_SERVICE_KEYS`: a JSON object with one secret per role,
 * `{"activation_agent":"…","support_agent":"…","account_manager":"…","ops_admin":"…","read_only":"…"}`.
 * Throws an `Error` naming the missing or malformed role.
 */
export function parseServiceKeys(raw: string, minLength = 1): ConsoleServiceKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('must be a JSON object {"<role>": "<secret>"}');
  const entries = parsed as Record<string, unknown>;
  const unknown = Object.keys(entries).filter((role) => !(CONSOLE_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new Error(`has unknown roles ${unknown.join(', ')}`);
  for (const role of CONSOLE_ROLES) {
    const secret = entries[role];
    if (typeof secret !== 'string' || !/^[\x21-\x7e]+$/.test(secret) || secret.length < minLength)
      throw new Error(`.${role} must be a secret of at least ${minLength} printable characters`);
    if (secret === DEVELOPMENT_SERVICE_KEYS[role] && minLength >= SERVICE_KEY_MIN_LENGTH)
      throw new Error(`.${role} is the public development secret`);
  }
  return entries as Record<ConsoleRole, string>;
}
