import { compareSync } from 'bcryptjs';
import { DEVELOPMENT_ACCOUNTS, developmentPassword, parseConsoleUsers } from './console-users';

const HASH = '$2b$04$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';

describe(parseConsoleUsers.name, () => {
  it('should parse accounts and default the locale to zh-CN', () => {
    expect(
      parseConsoleUsers(
        JSON.stringify([
          { username: 'li.na', displayName: '李娜', role: 'support_agent', passwordHash: HASH },
        ]),
      ),
    ).toEqual([
      { username: 'li.na', displayName: '李娜', role: 'support_agent', passwordHash: HASH, locale: 'zh-CN' },
    ]);
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['an empty array', '[]', 'non-empty JSON array'],
    [
      'an uppercase username',
      JSON.stringify([{ username: 'LiNa', displayName: 'x', role: 'read_only', passwordHash: HASH }]),
      '[0].username',
    ],
    [
      'an unknown role',
      JSON.stringify([{ username: 'a', displayName: 'x', role: 'root', passwordHash: HASH }]),
      '[0].role must be one of',
    ],
    [
      'a plain-text password',
      JSON.stringify([{ username: 'a', displayName: 'x', role: 'read_only', passwordHash: 'secret' }]),
      '[0].passwordHash must be a bcrypt hash',
    ],
    [
      'an unknown locale',
      JSON.stringify([
        { username: 'a', displayName: 'x', role: 'read_only', passwordHash: HASH, locale: 'fr' },
      ]),
      '[0].locale',
    ],
    [
      'a duplicate username',
      JSON.stringify([
        { username: 'a', displayName: 'x', role: 'read_only', passwordHash: HASH },
        { username: 'a', displayName: 'y', role: 'ops_admin', passwordHash: HASH },
      ]),
      'duplicate username "a"',
    ],
  ])('should explain the problem when CONSOLE_USERS is %s', (_case, raw, reason) => {
    expect(() => parseConsoleUsers(raw)).toThrow(reason);
  });

  it('should ship development accounts whose hashes match their documented passwords', () => {
    for (const account of DEVELOPMENT_ACCOUNTS)
      expect(compareSync(developmentPassword(account.username), account.passwordHash)).toBe(true);
  });
});
