import { CONSOLE_ROLES, ConsoleRole, isConsoleRole } from '@merchant-pulse/config';

/** One local console account as configured in `CONSOLE_USERS` (only the bcrypt hash, never a password). */
export interface ConsoleAccount {
  /** Sign-in name, lowercase: letters, digits, `.`, `_`, `-` (it becomes `X-Actor: console:<username>`). */
  username: string;
  displayName: string;
  role: ConsoleRole;
  /** bcrypt hash (`$2a$`/`$2b$`/`$2y$`) of the password. */
  passwordHash: string;
  /** UI language: `zh-CN` (default) or `en`. */
  locale: 'zh-CN' | 'en';
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const LOCALES = ['zh-CN', 'en'] as const;

/**
 * Parses `CONSOLE_USERS`: a JSON array of `{username, displayName, role, passwordHash, locale?}`.
 * Throws an `Error` saying which entry is wrong and why (the config validator reports it by key).
 */
export function parseConsoleUsers(raw: string): ConsoleAccount[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('must be a non-empty JSON array');
  const accounts = parsed.map((entry: unknown, index) => parseAccount(entry, index));
  const seen = new Set<string>();
  for (const account of accounts) {
    if (seen.has(account.username)) throw new Error(`has duplicate username "${account.username}"`);
    seen.add(account.username);
  }
  return accounts;
}

function parseAccount(entry: unknown, index: number): ConsoleAccount {
  if (typeof entry !== 'object' || entry === null) throw new Error(`[${index}] must be an object`);
  const { username, displayName, role, passwordHash, locale } = entry as Record<string, unknown>;
  if (typeof username !== 'string' || !USERNAME.test(username))
    throw new Error(`[${index}].username must be 1-64 lowercase letters, digits, ".", "_" or "-"`);
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 100)
    throw new Error(`[${index}].displayName must be a non-empty string of up to 100 characters`);
  if (!isConsoleRole(role)) throw new Error(`[${index}].role must be one of ${CONSOLE_ROLES.join(', ')}`);
  if (typeof passwordHash !== 'string' || !BCRYPT.test(passwordHash))
    throw new Error(`[${index}].passwordHash must be a bcrypt hash ($2b$…)`);
  if (locale !== undefined && !(LOCALES as readonly unknown[]).includes(locale))
    throw new Error(`[${index}].locale must be one of ${LOCALES.join(', ')}`);
  return {
    username,
    displayName,
    role,
    passwordHash,
    locale: (locale as ConsoleAccount['locale'] | undefined) ?? 'zh-CN',
  };
}

/**
 * The development accounts, one per role, used when `CONSOLE_USERS` is unset outside production
 * (production refuses to start without `CONSOLE_USERS`, and refuses these accounts). The password of
 * each is {@link developmentPassword}; the hashes are bcrypt cost 10 of it.
 */
export const DEVELOPMENT_ACCOUNTS: readonly ConsoleAccount[] = [
  {
    username: 'activation',
    displayName: '激活专员 (dev)',
    role: 'activation_agent',
    passwordHash: '$2b$10$fRQ17gmr7DHXMLCwdAk23OHs5PGyj6w4qBI5Yq.Kwm2jIKxIN/rnC',
    locale: 'zh-CN',
  },
  {
    username: 'support',
    displayName: '售后客服 (dev)',
    role: 'support_agent',
    passwordHash: '$2b$10$dzDNhGlWOx2E5GS/eDwBE.594xfWni0I9nwd6s81c9ykRdK2P1dkW',
    locale: 'zh-CN',
  },
  {
    username: 'manager',
    displayName: '客户经理 (dev)',
    role: 'account_manager',
    passwordHash: '$2b$10$2G.9f.YooayCYyqUdiui5eT9068EAU/7NfPDPCsAG/6TBvjf1NPCW',
    locale: 'zh-CN',
  },
  {
    username: 'admin',
    displayName: 'Ops admin (dev)',
    role: 'ops_admin',
    passwordHash: '$2b$10$LgNvYe2HD6h9MzoSjxNG0.Q2gSBlDJWhW4yooiJkBIXRmyly.CVla',
    locale: 'en',
  },
  {
    username: 'viewer',
    displayName: '只读用户 (dev)',
    role: 'read_only',
    passwordHash: '$2b$10$0Jo8RclBM4AE7Xut5UCo/u9vumxWYaYh73j0P8QJH7b9cGWXejg1u',
    locale: 'zh-CN',
  },
];

/** The public password of {@link DEVELOPMENT_ACCOUNTS} (committed, so production refuses those accounts). */
export function developmentPassword(username: string): string {
  return `pulse-dev-${username}`;
}
