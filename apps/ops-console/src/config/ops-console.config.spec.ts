import { CONSOLE_ROLES, loadConfig } from '@merchant-pulse/config';
import { hashSync } from 'bcryptjs';
import { DEVELOPMENT_ACCOUNTS } from './console-users';
import { OpsConsoleConfig } from './ops-console.config';
import { DEVELOPMENT_SERVICE_KEYS } from './service-keys';

const strongKeys = JSON.stringify(
  Object.fromEntries(CONSOLE_ROLES.map((role) => [role, `${role}-generated-secret-0123456789abcdefghij`])),
);
const realUsers = JSON.stringify([
  {
    username: 'li.na',
    displayName: '李娜',
    role: 'account_manager',
    passwordHash: hashSync('a long real passphrase', 4),
  },
]);
const production = {
  NODE_ENV: 'production',
  API_KEYS: '[]',
  METRICS_TOKEN: 'prometheus-scrape-token-0123456789',
  SESSION_SECRET: 'a-generated-session-secret-of-48-characters-xyz',
  CONSOLE_USERS: realUsers,
  CONSOLE_SERVICE_KEYS: strongKeys,
};

describe(OpsConsoleConfig.name, () => {
  it('should use one development account per role and development keys outside production', () => {
    const config = loadConfig(OpsConsoleConfig, {});
    expect(config.PORT).toBe(3006);
    expect(config.accounts.map((a) => a.role).sort()).toEqual([...CONSOLE_ROLES].sort());
    expect(config.serviceKeys).toEqual(DEVELOPMENT_SERVICE_KEYS);
    expect(config.secureCookies).toBe(false);
  });

  it('should start in production with generated secrets and real accounts, with Secure cookies', () => {
    const config = loadConfig(OpsConsoleConfig, production);
    expect(config.accounts.map((a) => a.username)).toEqual(['li.na']);
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    ['CONSOLE_USERS unset', { CONSOLE_USERS: '' }, /CONSOLE_USERS/],
    [
      'the development accounts',
      { CONSOLE_USERS: JSON.stringify(DEVELOPMENT_ACCOUNTS) },
      /development password/,
    ],
    [
      'an account re-hashing its development password',
      {
        CONSOLE_USERS: JSON.stringify([
          {
            username: 'viewer',
            displayName: 'V',
            role: 'read_only',
            passwordHash: hashSync('pulse-dev-viewer', 4),
          },
        ]),
      },
      /"viewer" has the public development password/,
    ],
    ['CONSOLE_SERVICE_KEYS unset', { CONSOLE_SERVICE_KEYS: '' }, /CONSOLE_SERVICE_KEYS/],
    [
      'the development service keys',
      { CONSOLE_SERVICE_KEYS: JSON.stringify(DEVELOPMENT_SERVICE_KEYS) },
      /public development secret/,
    ],
    [
      'a short service key',
      {
        CONSOLE_SERVICE_KEYS: JSON.stringify({ ...JSON.parse(strongKeys), read_only: 'short' }),
      },
      /read_only must be a secret of at least 32/,
    ],
    [
      'the development session secret',
      { SESSION_SECRET: '' },
      /SESSION_SECRET is the public development secret/,
    ],
    ['a short session secret', { SESSION_SECRET: 'too-short' }, /SESSION_SECRET must be at least 32/],
  ])('should refuse to start in production with %s, naming the key', (_case, override, message) => {
    expect(() => loadConfig(OpsConsoleConfig, { ...production, ...override })).toThrow(message);
  });

  it('should refuse a CONSOLE_SERVICE_KEYS missing a role in any mode', () => {
    const { read_only: _dropped, ...partial } = DEVELOPMENT_SERVICE_KEYS;
    expect(() => loadConfig(OpsConsoleConfig, { CONSOLE_SERVICE_KEYS: JSON.stringify(partial) })).toThrow(
      /CONSOLE_SERVICE_KEYS \.read_only must be a secret/,
    );
  });
});
